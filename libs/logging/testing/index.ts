export { LogCapture, type CapturedLine } from './log-capture';
