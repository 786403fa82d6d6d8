// Kubernetes protobuf (application/vnd.kubernetes.protobuf) bodies: decoding into the JSON
// objects the rest of the server works with, and encoding JSON objects back.
export { decodeProtobuf, decodeMessageByName, hasProtobufMagic, PROTOBUF_CONTENT_TYPE, PROTOBUF_MAGIC, type ProtobufDecodeResult } from './decode.js';
export { encodeProtobuf, encodeMessageByName, wrapUnknown } from './encode.js';
export { ProtoError } from './wire.js';
export { messageInfo, messageNames, type FieldInfo, type MessageInfo } from './table.js';
