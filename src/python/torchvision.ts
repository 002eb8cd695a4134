// torchvision's classification models and the module each one's forward ends in: what transfer
// learning replaces (`model.fc = nn.Sequential(nn.Linear(512, 1), nn.Sigmoid())`,
// `model.classifier[6] = …`), so that a module stored there is the model's output wherever the
// model is called. Read from torchvision's own forward methods (0.15–0.20): each returns the head's
// result as it is (squeezenet flattens it, which keeps the value). Left out: inception_v3 and
// googlenet, whose forward returns a named tuple with the auxiliary logits while training.

/** Where a model's output comes from: an attribute path, and for a Sequential head its last index. */
export interface Head {
  path: readonly string[];
  /** The index of the head's last module, where the head is an nn.Sequential (`classifier[6]`). */
  last?: number;
  /** A path under `path` that is the last module as well (`heads.head` in a ViT). */
  inner?: readonly string[];
}

const FAMILIES: Array<[RegExp, Head]> = [
  [/^(resnet(18|34|50|101|152)|resnext(50_32x4d|101_32x8d|101_64x4d)|wide_resnet(50|101)_2|shufflenet_v2_x(0_5|1_0|1_5|2_0)|regnet_[xy]_\w+)$/, { path: ['fc'] }],
  [/^(vgg(11|13|16|19)(_bn)?|alexnet)$/, { path: ['classifier'], last: 6 }],
  [/^densenet(121|161|169|201)$/, { path: ['classifier'] }],
  [/^(mobilenet_v2|efficientnet_(b[0-7]|v2_[sml])|mnasnet(0_5|0_75|1_0|1_3))$/, { path: ['classifier'], last: 1 }],
  [/^mobilenet_v3_(large|small)$/, { path: ['classifier'], last: 3 }],
  [/^convnext_(tiny|small|base|large)$/, { path: ['classifier'], last: 2 }],
  [/^squeezenet1_[01]$/, { path: ['classifier'], last: 3 }],
  [/^maxvit_t$/, { path: ['classifier'], last: 5 }],
  [/^vit_(b_16|b_32|l_16|l_32|h_14)$/, { path: ['heads'], inner: ['heads', 'head'] }],
  [/^swin_(v2_)?[tsb]$/, { path: ['head'] }],
];

/** The head of the torchvision model builder `name` (`resnet18`), or null. */
export function headOfModel(name: string): Head | null {
  for (const [re, head] of FAMILIES) if (re.test(name)) return head;
  return null;
}

/**
 * The model name a dotted path builds: `torchvision.models.resnet18`, `torchvision.models.resnet.resnet50`
 * (the builder in its own module), or null.
 */
export function torchvisionBuilder(path: string): string | null {
  const m = /^torchvision\.models\.(?:[a-z_0-9]+\.)?([a-z_0-9]+)$/.exec(path);
  return m ? m[1]! : null;
}

/** Does assigning to `path` (then `[index]` when given) replace the head, or its last module? */
export function isHead(head: Head, path: readonly string[], index: number | 'last' | undefined): boolean {
  const same = (a: readonly string[]) => a.length === path.length && a.every((p, i) => p === path[i]);
  if (index === undefined) return same(head.path) || (!!head.inner && same(head.inner));
  if (!same(head.path)) return false;
  return index === 'last' || (head.last !== undefined && index === head.last);
}

/**
 * Does assigning to `path` (`[index]`) replace the head of some torchvision classifier? For a model
 * whose builder is chosen when the script runs (`models.__dict__[args.arch](…)`): `fc`,
 * `classifier`, its last module (`[-1]`, or the index that is last in a family), `head`, `heads`.
 */
export function isHeadOfSome(path: readonly string[], index: number | 'last' | undefined): boolean {
  return FAMILIES.some(([, head]) => isHead(head, path, index));
}
