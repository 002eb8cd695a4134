// `check` without --fix follows a use's value only where a coded rule can hang on it (flowCodes in
// src/lint/lint.ts, written from the rule table). This walks the advice rules over every activation,
// role, loss kind and flag a use can carry: wherever a rule gives a code that is not the spelling's
// own (AL201, AL202), the lint must both follow that use and keep it. A rule added to the table
// that flowCodes does not know fails here, not silently in `check`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTIVATIONS } from '../../../src/catalog';
import { advise, lossKind, type AdviceUse } from '../../../src/advice';
import { flowCodes, followsUse, keepsUse } from '../../../src/lint/lint';
import type { ActivationUse } from '../../../src/python/types';

const SPELLING_CODES = new Set(['AL201', 'AL202']);
const LOSSES = [null, 'nn.CrossEntropyLoss', 'F.nll_loss', 'nn.BCELoss', 'nn.BCEWithLogitsLoss', 'nn.KLDivLoss', 'nn.MSELoss', 'nn.SmoothL1Loss', 'nn.TripletMarginLoss'];

test('every code that hangs on the flow is followed and kept by check', () => {
  let checked = 0;
  let flowCoded = 0;
  for (const spec of ACTIVATIONS) {
    for (const loss of LOSSES) {
      // the file may name further losses than the one this use reaches
      for (const other of [null, ...LOSSES.filter((l) => l && l !== loss)]) {
        const fileLosses = [loss, other].filter((l): l is string => !!l);
        for (const role of ['hidden', 'output', null] as const) {
          for (const gate of [undefined, true]) {
            for (const logTaken of [undefined, true]) {
              // a KL divergence's target (AL109) exists only where the file names one
              const targets = fileLosses.some((l) => lossKind(l) === 'kl_div') ? [undefined, 'log-probabilities', 'probabilities'] as const : [undefined] as const;
              for (const deprecation of [undefined, 'deprecated']) for (const softmaxAgain of [undefined, true]) for (const klTarget of targets) {
                const use: AdviceUse = { id: spec.id, role, loss, params: {}, runtimeParams: [], spelling: spec.id, gate, logTaken, deprecation, isCall: true, softmaxAgain, klTarget };
                const codes = advise({ use, fileLosses }).map((f) => f.code).filter((c): c is string => !!c && !SPELLING_CODES.has(c));
                checked++;
                if (!codes.length) continue;
                flowCoded++;
                for (const hiddenSigmoid of [true, false]) {
                  const wanted = codes.filter((c) => c !== 'AL401' || hiddenSigmoid);
                  if (!wanted.length) continue;
                  // a softmax's value goes into another only where the file applies the family twice
                  const flow = flowCodes(new Set(fileLosses.map(lossKind)), hiddenSigmoid, !!softmaxAgain);
                  const u = use as unknown as ActivationUse;
                  const where = `${spec.id}, role ${role}, loss ${loss}, file ${fileLosses.join('+')}, gate ${gate}, logTaken ${logTaken}, softmaxAgain ${softmaxAgain}, klTarget ${klTarget}: ${wanted.join(', ')}`;
                  assert.ok(followsUse(u, flow), `not followed: ${where}`);
                  assert.ok(keepsUse(u, flow), `not kept: ${where}`);
                }
              }
            }
          }
        }
      }
    }
  }
  // the walk reached the rules it guards
  assert.ok(checked > 10_000, `${checked} uses`);
  assert.ok(flowCoded > 500, `${flowCoded} uses with a flow code`);
});
