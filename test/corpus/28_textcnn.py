import torch
import torch.nn as nn
import torch.nn.functional as F


class TextCNN(nn.Module):
    def __init__(self, vocab, embed=128, n_filters=100, sizes=(3, 4, 5), n_classes=2):
        super().__init__()
        self.embedding = nn.Embedding(vocab, embed)
        self.convs = nn.ModuleList([nn.Conv1d(embed, n_filters, k) for k in sizes])
        self.fc = nn.Linear(n_filters * len(sizes), n_classes)

    def conv_and_pool(self, x, conv):
        x = F.relu(conv(x))  # expect: relu hidden cross_entropy
        return F.max_pool1d(x, x.size(2)).squeeze(2)

    def forward(self, x):
        x = self.embedding(x).permute(0, 2, 1)
        x = torch.cat([self.conv_and_pool(x, c) for c in self.convs], 1)
        return self.fc(x)


model = TextCNN(20000)
for text, label in loader:
    logits = model(text)
    loss = F.cross_entropy(logits, label)
    loss.backward()
    preds = torch.softmax(logits, dim=1).argmax(1)  # expect: softmax - -
