import torch
import torch.nn as nn
import torch.nn.functional as F


class SentimentRNN(nn.Module):
    def __init__(self, vocab, embed=100, hidden=128):
        super().__init__()
        self.embedding = nn.Embedding(vocab, embed)
        self.lstm = nn.LSTM(embed, hidden, batch_first=True)
        self.dropout = nn.Dropout(0.3)
        self.fc = nn.Linear(hidden, 1)
        self.sig = nn.Sigmoid()  # expect: sigmoid output BCELoss

    def forward(self, x):
        embeds = self.embedding(x)
        lstm_out, _ = self.lstm(embeds)
        out = self.dropout(lstm_out[:, -1])
        out = self.fc(out)
        return self.sig(out).squeeze(1)


net = SentimentRNN(5000)
criterion = nn.BCELoss()
for inputs, labels in train_loader:
    output = net(inputs)
    loss = criterion(output, labels.float())
    loss.backward()
    pred = torch.round(output)
