import { render } from 'preact';
import { Popup } from './Popup.tsx';
import '../../../shared/ui/styles.css';
import './popup.css';

render(<Popup />, document.getElementById('app')!);
