import { afterEach } from 'vitest';
import { saveFailureScreens } from './failure-screens.ts';

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await saveFailureScreens(task.name);
});
