// torchvision's classifiers and where their forward's result comes from (src/python/torchvision.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headOfModel, isHead, torchvisionBuilder } from '../../../src/python/torchvision';

test('the builder a dotted path names: torchvision.models.X or its own module\'s, nothing else', () => {
  assert.equal(torchvisionBuilder('torchvision.models.resnet18'), 'resnet18');
  assert.equal(torchvisionBuilder('torchvision.models.resnet.resnet50'), 'resnet50');
  assert.equal(torchvisionBuilder('torchvision.models.get_model'), 'get_model');
  assert.equal(torchvisionBuilder('timm.models.resnet18'), null);
  assert.equal(torchvisionBuilder('torchvision.transforms.Resize'), null);
  assert.equal(torchvisionBuilder('torchvision.models.detection.fasterrcnn_resnet50_fpn.x'), null);
});

test('heads: the attribute replaced, a Sequential head\'s last index or -1, not a stage of the backbone', () => {
  const at = (model: string, path: string[], index?: number | 'last') => {
    const h = headOfModel(model);
    return !!h && isHead(h, path, index);
  };
  for (const m of ['resnet18', 'resnet152', 'resnext50_32x4d', 'wide_resnet50_2', 'shufflenet_v2_x1_0', 'regnet_y_400mf']) assert.ok(at(m, ['fc']), m);
  assert.ok(at('vgg16', ['classifier']) && at('vgg16_bn', ['classifier'], 6) && at('alexnet', ['classifier'], 'last'));
  assert.ok(!at('vgg16', ['classifier'], 3), 'a hidden layer of the classifier');
  assert.ok(at('densenet121', ['classifier']) && !at('densenet121', ['features']));
  assert.ok(at('mobilenet_v2', ['classifier'], 1) && at('mobilenet_v3_large', ['classifier'], 3) && !at('mobilenet_v3_large', ['classifier'], 0));
  assert.ok(at('efficientnet_b0', ['classifier'], 1) && at('efficientnet_v2_s', ['classifier']) && at('convnext_tiny', ['classifier'], 2));
  assert.ok(at('vit_b_16', ['heads']) && at('vit_b_16', ['heads', 'head']) && at('swin_t', ['head']) && at('swin_v2_b', ['head']));
  assert.ok(!at('resnet50', ['layer4']) && !at('resnet50', ['avgpool']) && !at('resnet50', ['fc'], 0));
  // the auxiliary classifiers' models return a named tuple while training: not read
  assert.equal(headOfModel('inception_v3'), null);
  assert.equal(headOfModel('googlenet'), null);
  assert.equal(headOfModel('fasterrcnn_resnet50_fpn'), null);
});
