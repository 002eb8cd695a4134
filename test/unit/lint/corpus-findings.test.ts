// Findings on the corpus files written from real public code read for issue 15 (a trainer class
// holding the model, loss modules named like anything, distillation through variables): the
// codes and lines `check --show-hints` must report, and nothing else.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPython } from '../python/setup';
import { lintCells, lintSource } from './helpers';

before(loadPython);

const EXPECT: Record<string, string[]> = {
  '44_trainer_class.py': ['16 AL103'],
  '45_smoothing_losses.py': [],
  '46_kd_targets.py': ['30 AL106', '37 AL301'],
  '47_dropout_before_head.py': ['22 AL107'],
  '48_lightning_predict_step.py': [],
  '49_td3_actor_scaled.py': [],
  '50_focal_weights.py': ['35 AL104'],
  '54_policy_wrapper.py': [],
  '55_eval_only_activation.py': ['52 AL101'],
  '56_loss_factory.py': [],
  '57_sequential_grown.py': ['17 AL103', '31 AL101', '57 AL103'],
  '58_own_loss_heads.py': ['48 AL105'],
  '59_gated_attention_caps.py': ['38 AL401'],
  '60_sequential_subclasses.py': ['13 AL103', '37 AL105'],
  '61_policy_heads_no_forward.py': [],
  '72_course_base_class.py': ['44 AL101', '54 AL107', '73 AL103'],
  '73_models_compared_in_a_loop.py': ['12 AL104', '31 AL101'],
  '74_arch_chosen_at_run_time.py': ['24 AL104', '50 AL101', '73 AL103'],
  '75_models_named_after_blocks.py': ['43 AL103', '54 AL401'],
  '76_losses_in_a_dict.py': ['22 AL101'],
  '77_gan_data_parallel.py': ['44 AL103'],
  '78_agent_methods_logged.py': ['33 AL301', '69 AL302', '69 AL302'],
  '79_actor_critic_tuples.py': ['33 AL301', '61 AL301'],
  '80_explicit_forward_calls.py': ['23 AL301', '34 AL301', '51 AL101'],
  '81_model_file_without_loop.py': ['20 AL101'],
  '82_reconstruction_targets.py': ['59 AL105'],
  '83_generated_images_l1.py': [],
  '84_one_sigmoid_module_everywhere.py': ['20 AL103', '20 AL401'],
  '85_reconstruction_in_helpers.py': [],
  '86_scores_distorted_before_nll.py': ['19 AL107', '29 AL107'],
  '87_log_probs_through_helpers.py': ['12 AL301'],
  '88_regression_in_log_space.py': [],
  '89_model_loss_method.py': ['16 AL101'],
  '90_ranges_axes_and_helpers.py': ['23 AL303', '27 AL301', '47 AL105'],
  '91_distances_between_embeddings.py': ['62 AL107'],
  '92_heads_after_dropout_and_elif.py': ['20 AL107', '32 AL103', '34 AL103'],
  '93_outputs_collected_in_a_list.py': ['21 AL101'],
  '94_factory_else_raises.py': ['17 AL103'],
  '95_flow_steps_return_tuples.py': ['40 AL401'],
  '96_blocks_built_in_a_loop.py': ['10 AL107', '54 AL107'],
  '97_injected_losses.py': ['43 AL401'],
  '98_losses_chosen_and_rebound.py': ['19 AL107', '37 AL101'],
  '99_policy_factories.py': ['34 AL301'],
  '100_unused_and_wrapped_modules.py': ['30 AL401', '52 AL601', '54 AL304', '62 AL101'],
  '101_binary_labels_by_regression.py': ['13 AL105', '18 AL105', '22 AL105'],
  '102_lightning_shapes.py': ['17 AL103', '46 AL103', '56 AL103'],
  '103_evidence_two_losses.py': ['19 AL107'],
  '104_scratch_functions.py': ['14 AL303', '30 AL301', '42 AL301', '51 AL303'],
  '105_denoising_and_guarded_layers.py': [],
  '106_model_called_through_self_alias.py': ['14 AL103'],
  '107_pointer_steps_concatenated.py': ['38 AL301'],
  '108_labels_given_first.py': ['16 AL105'],
  '109_policy_heads_inline_and_moved.py': ['31 AL301', '32 AL301', '58 AL301'],
  '110_model_displayed_by_name.py': ['14 AL103'],
  '111_generator_sampled_by_method.py': [],
  '112_models_chosen_by_name.py': ['24 AL103', '36 AL103', '53 AL101', '72 AL101'],
  '113_activation_chosen_by_name.py': ['41 AL103'],
  '114_activation_asked_by_name.py': ['13 AL401'],
  '115_model_moved_under_if.py': ['29 AL101'],
  '116_heads_added_by_option.py': ['19 AL201'],
  '117_loss_wrapper_from_dict.py': ['16 AL103'],
  '118_model_handed_to_trainer_method.py': ['19 AL101'],
  '119_model_built_in_the_call.py': ['18 AL105'],
  '120_gan_container_without_forward.py': ['18 AL401', '20 AL105'],
  '121_federated_clients_in_a_list.py': ['23 AL101', '34 AL107'],
  '122_gate_multiplied_in_place.py': ['38 AL401'],
  '123_one_sigmoid_module_reused.py': ['14 AL103', '14 AL401', '18 AL103'],
  '124_one_hot_targets_for_mse.py': ['20 AL105', '29 AL105', '38 AL105'],
  '125_loss_class_from_a_dict.py': ['19 AL101'],
  '126_ensemble_loops.py': ['17 AL101'],
  '127_softmax_applied_twice.py': ['21 AL108', '30 AL108', '53 AL301'],
  '128_distillation_targets.py': ['14 AL109', '27 AL109'],
  '129_layers_from_a_config.py': [],
  '134_default_loss_names.py': ['34 AL101'],
  '133_comments_between.py': ['26 AL301'],
  '132_helpers_handing_on_the_model.py': ['32 AL301'],
  '131_higher_order_helpers.py': ['17 AL303', '25 AL301'],
  '130_raw_scores_into_nll.py': ['11 AL111'],
  '70_torchvision_heads.py': ['16 AL103', '30 AL101', '60 AL101', '68 AL104', '76 AL102', '123 AL104', '137 AL103', '158 AL103', '173 AL101', '201 AL104', '236 AL103'],
};

/** Notebooks: `cell line code`, cells counted over code cells from 1, lines within the cell. */
const NOTEBOOKS: Record<string, string[]> = {
  '53_rnn_state_loop_notebook.ipynb': ['2 10 AL103'],
  '71_transfer_learning_notebook.ipynb': ['3 6 AL101'],
};

for (const [file, want] of Object.entries(EXPECT)) {
  test(`corpus findings: ${file}`, () => {
    const text = readFileSync(join('test/corpus', file), 'utf8');
    assert.deepEqual(lintSource(text, { showHints: true }).map((f) => `${f.range.line + 1} ${f.code}`), want);
  });
}

for (const [file, want] of Object.entries(NOTEBOOKS)) {
  test(`corpus findings: ${file}`, () => {
    const nb = JSON.parse(readFileSync(join('test/corpus', file), 'utf8')) as { cells: Array<{ cell_type: string; source: string[] }> };
    const cells = nb.cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join(''));
    const got = lintCells(cells, { showHints: true }).flatMap((fs, i) => fs.map((f) => `${i + 1} ${f.range.line + 1} ${f.code}`));
    assert.deepEqual(got, want);
  });
}

test('AL105: a sigmoid trained with MSELoss against 0/1 labels the file writes gets the classification advice; real-valued targets and a tanh keep the range advice', () => {
  const text = readFileSync(join('test/corpus', '101_binary_labels_by_regression.py'), 'utf8');
  const byLine = new Map(lintSource(text, { showHints: true }).map((f) => [f.range.line + 1, f.message]));
  assert.match(byLine.get(13)!, /against 0\/1 labels: a binary classification with a regression loss.*Use BCEWithLogitsLoss on the logits/);
  assert.match(byLine.get(18)!, /limits predictions to .*targets outside it cannot be reached/);
  assert.match(byLine.get(22)!, /^Tanh at the output of a regression \(MSELoss\) limits predictions/);
});

test('AL105: one-hot labels (zeros scattered with ones, in a Variable; F.one_hot) are 0/1 labels; torch.full(…, 1) too; real-valued targets keep the range advice', () => {
  const text = readFileSync(join('test/corpus', '124_one_hot_targets_for_mse.py'), 'utf8');
  const byLine = new Map(lintSource(text, { showHints: true }).map((f) => [f.range.line + 1, f.message]));
  assert.match(byLine.get(20)!, /against 0\/1 labels/);
  assert.match(byLine.get(29)!, /against 0\/1 labels/);
  assert.match(byLine.get(38)!, /^Tanh at the output of a regression \(MSELoss\) limits predictions/);
  // a scatter of another value (label smoothing) is no 0/1 label
  const smoothed = lintSource(text.replace('scatter_(1, labels.view(-1, 1), 1)', 'scatter_(1, labels.view(-1, 1), 0.9)'), { showHints: true });
  assert.match(smoothed.find((f) => f.range.line === 19)!.message, /limits predictions to/);
  const gan = readFileSync(join('test/corpus', '120_gan_container_without_forward.py'), 'utf8');
  assert.match(lintSource(gan, { showHints: true }).find((f) => f.code === 'AL105')!.message, /against 0\/1 labels/);
  const soft = lintSource(gan.replaceAll('torch.full((n, 1), 1, dtype', 'torch.full((n, 1), 0.9, dtype'), { showHints: true });
  assert.match(soft.find((f) => f.code === 'AL105')!.message, /limits predictions to/);
});

test('AL103 offers no fix where the output reaches two BCELoss calls (a training and a validation step): renaming one would hand the other logits', () => {
  const text = readFileSync(join('test/corpus', '102_lightning_shapes.py'), 'utf8');
  const fixes = new Map(lintSource(text, { showHints: true }).map((f) => [f.range.line + 1, f.fixes.length]));
  assert.equal(fixes.get(56), 0);
  assert.ok(fixes.get(46)! > 0, 'one BCELoss: the fix is offered');
});

test('AL107 on a module applied once whose value also goes on into a hand-written loss: no fix, and the note says so (not that it is applied between layers)', () => {
  const text = readFileSync(join('test/corpus', '103_evidence_two_losses.py'), 'utf8');
  const [f] = lintSource(text, { showHints: true });
  assert.equal(f!.code, 'AL107');
  assert.equal(f!.fixes.length, 0);
  assert.match(f!.message, /also goes on into other computations/);
  assert.doesNotMatch(f!.message, /applied both between layers/);
});
