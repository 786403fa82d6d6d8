// core/v1 scheduling constraints of a pod: node and pod (anti-)affinity,
// tolerations and topology spread constraints.
import { definer, packageOf, obj, req, str, int32, int64, list, oneOf, type Static } from '../../schema.js';
import { LabelSelector } from '../../meta/v1/types.js';

const def = definer(packageOf('', 'v1'));

export const NODE_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] as const;

export const NodeSelectorRequirement = def('NodeSelectorRequirement', obj({
  key: req(str('The label key (or field name for matchFields).')),
  operator: req(oneOf(NODE_SELECTOR_OPERATORS, 'Relation of the key to the values.')),
  values: list(str(), { listType: 'atomic', description: 'Values for In/NotIn (non-empty), Gt/Lt (one integer); empty for Exists/DoesNotExist.' }),
}, { description: 'NodeSelectorRequirement is one requirement on a node label or field.' }));
export type NodeSelectorRequirement = Static<typeof NodeSelectorRequirement>;

export const NodeSelectorTerm = def('NodeSelectorTerm', obj({
  matchExpressions: list(NodeSelectorRequirement, { listType: 'atomic', description: 'Requirements on node labels.' }),
  matchFields: list(NodeSelectorRequirement, { listType: 'atomic', description: 'Requirements on node fields (metadata.name).' }),
}, { description: 'NodeSelectorTerm is satisfied when all its requirements are.', mapType: 'atomic' }));
export type NodeSelectorTerm = Static<typeof NodeSelectorTerm>;

export const NodeSelector = def('NodeSelector', obj({
  nodeSelectorTerms: req(list(NodeSelectorTerm, { listType: 'atomic', description: 'Terms ORed together.' })),
}, { description: 'NodeSelector matches nodes satisfying any one of its terms.', mapType: 'atomic' }));
export type NodeSelector = Static<typeof NodeSelector>;

export const PreferredSchedulingTerm = def('PreferredSchedulingTerm', obj({
  weight: req(int32('Weight of the term, 1-100.')),
  preference: req(NodeSelectorTerm),
}, { description: 'PreferredSchedulingTerm is a weighted node preference.' }));
export type PreferredSchedulingTerm = Static<typeof PreferredSchedulingTerm>;

export const NodeAffinity = def('NodeAffinity', obj({
  requiredDuringSchedulingIgnoredDuringExecution: NodeSelector,
  preferredDuringSchedulingIgnoredDuringExecution: list(PreferredSchedulingTerm, { listType: 'atomic', description: 'Weighted preferences.' }),
}, { description: 'NodeAffinity constrains which nodes the pod may run on.' }));
export type NodeAffinity = Static<typeof NodeAffinity>;

export const PodAffinityTerm = def('PodAffinityTerm', obj({
  labelSelector: LabelSelector,
  namespaces: list(str(), { listType: 'atomic', description: 'Namespaces the selector applies to; the pod\'s own when empty.' }),
  topologyKey: req(str('Node label key defining the topology domain, e.g. kubernetes.io/hostname.')),
  namespaceSelector: LabelSelector,
  matchLabelKeys: list(str(), { listType: 'atomic', description: 'Pod label keys whose values are added to the selector.' }),
  mismatchLabelKeys: list(str(), { listType: 'atomic', description: 'Pod label keys whose values must differ.' }),
}, { description: 'PodAffinityTerm selects pods that must (or must not) share a topology domain with this pod.' }));
export type PodAffinityTerm = Static<typeof PodAffinityTerm>;

export const WeightedPodAffinityTerm = def('WeightedPodAffinityTerm', obj({
  weight: req(int32('Weight of the term, 1-100.')),
  podAffinityTerm: req(PodAffinityTerm),
}, { description: 'WeightedPodAffinityTerm is a weighted pod affinity preference.' }));
export type WeightedPodAffinityTerm = Static<typeof WeightedPodAffinityTerm>;

const podAffinityFields = {
  requiredDuringSchedulingIgnoredDuringExecution: list(PodAffinityTerm, { listType: 'atomic', description: 'Terms that must all hold at scheduling time.' }),
  preferredDuringSchedulingIgnoredDuringExecution: list(WeightedPodAffinityTerm, { listType: 'atomic', description: 'Weighted preferences.' }),
};

export const PodAffinity = def('PodAffinity', obj(podAffinityFields, {
  description: 'PodAffinity places the pod in the same topology domain as other pods.',
}));
export type PodAffinity = Static<typeof PodAffinity>;

export const PodAntiAffinity = def('PodAntiAffinity', obj(podAffinityFields, {
  description: 'PodAntiAffinity keeps the pod out of topology domains of other pods.',
}));
export type PodAntiAffinity = Static<typeof PodAntiAffinity>;

export const Affinity = def('Affinity', obj({
  nodeAffinity: NodeAffinity,
  podAffinity: PodAffinity,
  podAntiAffinity: PodAntiAffinity,
}, { description: 'Affinity holds the pod\'s scheduling constraints.' }));
export type Affinity = Static<typeof Affinity>;

export const TOLERATION_OPERATORS = ['Exists', 'Equal'] as const;
export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

export const Toleration = def('Toleration', obj({
  key: str('Taint key the toleration applies to; empty with Exists matches all taints.'),
  operator: oneOf(TOLERATION_OPERATORS, 'Exists or Equal; defaults to Equal.'),
  value: str('Taint value to match with Equal; empty with Exists.'),
  effect: oneOf(TAINT_EFFECTS, 'Taint effect to match; empty matches all effects.'),
  tolerationSeconds: int64('For NoExecute: how long the pod stays bound after the taint appears.'),
}, { description: 'Toleration lets the pod run on nodes with a matching taint.' }));
export type Toleration = Static<typeof Toleration>;

export const TopologySpreadConstraint = def('TopologySpreadConstraint', obj({
  maxSkew: req(int32('Largest allowed difference in matching pods between topology domains.')),
  topologyKey: req(str('Node label key whose values are the topology domains.')),
  whenUnsatisfiable: req(oneOf(['DoNotSchedule', 'ScheduleAnyway'] as const, 'What to do when the constraint cannot be met.')),
  labelSelector: LabelSelector,
  minDomains: int32('Minimum number of eligible domains (only with DoNotSchedule).'),
  nodeAffinityPolicy: oneOf(['Honor', 'Ignore'] as const, 'Whether node affinity limits the domains; defaults to Honor.'),
  nodeTaintsPolicy: oneOf(['Honor', 'Ignore'] as const, 'Whether taints limit the domains; defaults to Ignore.'),
  matchLabelKeys: list(str(), { listType: 'atomic', description: 'Pod label keys whose values are added to the selector.' }),
}, { description: 'TopologySpreadConstraint spreads matching pods across topology domains.' }));
export type TopologySpreadConstraint = Static<typeof TopologySpreadConstraint>;
