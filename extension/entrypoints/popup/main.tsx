import { render } from 'preact';
import { Popup } from './Popup.tsx';
import '../../../shared/ui/styles.css';
import '../../pages.css';
import './popup.css';

render(<Popup />, document.getElementById('app')!);
