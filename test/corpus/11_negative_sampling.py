import torch
import torch.nn as nn
import torch.nn.functional as F


class SkipGramNeg(nn.Module):
    def __init__(self, n_vocab, n_embed):
        super().__init__()
        self.in_embed = nn.Embedding(n_vocab, n_embed)
        self.out_embed = nn.Embedding(n_vocab, n_embed)

    def forward_input(self, words):
        return self.in_embed(words)

    def forward_output(self, words):
        return self.out_embed(words)


class NegativeSamplingLoss(nn.Module):
    def forward(self, input_vectors, output_vectors, noise_vectors):
        b, d = input_vectors.shape
        input_vectors = input_vectors.view(b, d, 1)
        output_vectors = output_vectors.view(b, 1, d)
        out_loss = torch.bmm(output_vectors, input_vectors).sigmoid().log()  # expect: sigmoid - -
        noise_loss = torch.bmm(noise_vectors.neg(), input_vectors).sigmoid().log()  # expect: sigmoid - -
        return -(out_loss.squeeze() + noise_loss.squeeze().sum(1)).mean()


model = SkipGramNeg(1000, 64)
criterion = NegativeSamplingLoss()
for inputs, targets in batches:
    loss = criterion(model.forward_input(inputs), model.forward_output(targets), noise)
    loss.backward()
