// Protobuf field numbers and Go JSON facts of the io.k8s.api.authentication.v1 messages (k8s.io/api v0.33).
// The notation is described in ../table.ts.
import type { PackageTable } from '../table.js';

export const authenticationV1: PackageTable = {
  alias: 'authentication-v1',
  prefix: 'io.k8s.api.authentication.v1',
  messages: {
    BoundObjectReference: 'kind=1?:s apiVersion=2?:s name=3?:s uid=4?:s',
    ExtraValue: '[]s',
    SelfSubjectReview: 'metadata=1?:meta-v1.ObjectMeta status=2?:SelfSubjectReviewStatus',
    SelfSubjectReviewStatus: 'userInfo=1?:UserInfo',
    TokenRequest: 'metadata=1?:meta-v1.ObjectMeta spec=2:TokenRequestSpec status=3?:TokenRequestStatus',
    TokenRequestSpec: 'audiences=1:[]s expirationSeconds=4*:i64 boundObjectRef=3*:BoundObjectReference',
    TokenRequestStatus: 'token=1:s expirationTimestamp=2:meta-v1.Time',
    TokenReview: 'metadata=1?:meta-v1.ObjectMeta spec=2:TokenReviewSpec status=3?:TokenReviewStatus',
    TokenReviewSpec: 'token=1?:s audiences=2?:[]s',
    TokenReviewStatus: 'authenticated=1?:b user=2?:UserInfo audiences=4?:[]s error=3?:s',
    UserInfo: 'username=1?:s uid=2?:s groups=3?:[]s extra=4?:map[ExtraValue]',
  },
};
