import { render } from 'preact';
import '../../../shared/ui/styles.css';
import { Options } from './Options.tsx';

render(<Options />, document.getElementById('app')!);
