export * from './values.js';
export { defaultXmlRpcLimits, type XmlRpcLimits } from './limits.js';
export {
  encodeMethodCall,
  encodeMethodResponse,
  encodeFault,
  type EncodeOptions,
} from './encode.js';
export {
  decodeMethodCall,
  decodeMethodResponse,
  type MethodCall,
  type MethodResponse,
} from './decode.js';
export * from './one-errors.js';
export * from './one-result.js';
