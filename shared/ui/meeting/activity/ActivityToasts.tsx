import type { RoomActivity } from './room-activity.ts';
import './activity-toasts.css';

/** Who just joined or left, over the stage. Hidden from screen readers: they hear it already. */
export function ActivityToasts({ activity }: { activity: RoomActivity }) {
  const items = activity.items.value;
  if (items.length === 0) return null;
  return (
    <ul class="room-activity" aria-hidden="true">
      {items.map((item) => (
        <li key={item.id}>{item.text}</li>
      ))}
    </ul>
  );
}
