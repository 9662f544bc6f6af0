import { render } from 'preact';
import '../../../shared/ui/styles.css';
import '../../pages.css';
import '../../options/options.css';
import { Options } from './Options.tsx';

render(<Options />, document.getElementById('app')!);
