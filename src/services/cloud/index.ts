export { callCloud, type CallOptions } from './call-cloud'
export { CloudError, isCloudError } from './cloud-error'
export { initTransport } from './transport'
export type { CloudContracts, FunctionName, ActionName, CallInput, CallOutput } from './contracts'
