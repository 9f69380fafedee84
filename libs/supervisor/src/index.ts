export {
  superviseApps,
  type AppExit,
  type SupervisedApp,
  type SupervisionResult,
  type SupervisorOptions,
} from './app-supervisor';
export { LinePrefixer } from './line-prefixer';
