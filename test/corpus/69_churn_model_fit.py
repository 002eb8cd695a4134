import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


# A churn classifier for tabular customer data that trains itself, Keras-style: fit() takes the
# optimizer and the loss from the caller, predict() calls the model through __call__, and
# predict_proba() applies a sigmoid to the network the forward returns as it is.
class ChurnNet(nn.Module):
    def __init__(self, n_features, hidden=32):
        super().__init__()
        self.body = nn.Sequential(
            nn.Linear(n_features, hidden),
            nn.ReLU(),  # expect: relu hidden BCELoss
            nn.Linear(hidden, hidden // 2),
            nn.ReLU(),  # expect: relu hidden BCELoss
            nn.Linear(hidden // 2, 1),
        )
        self.out = nn.Sigmoid()  # expect: sigmoid output BCELoss

    def forward(self, x):
        return self.out(self.body(x))

    def predict(self, x, as_labels=True):
        scores = self.__call__(x)
        if not as_labels:
            return scores
        return (scores > 0.5).float()

    def fit(self, optimizer, loss_fn, loader, epochs=10):
        for _ in range(epochs):
            for xb, yb in loader:
                optimizer.zero_grad()
                loss = loss_fn(self.predict(xb, as_labels=False), yb)
                loss.backward()
                optimizer.step()


# A variant that trains on logits and keeps the probability for reporting only.
class ChurnLogitNet(nn.Module):
    def __init__(self, n_features, hidden=32):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(n_features, hidden), nn.ReLU(), nn.Linear(hidden, 1))  # expect: relu hidden BCEWithLogitsLoss

    def forward(self, x):
        return self.body(x)

    def predict_proba(self, x):
        with torch.no_grad():
            return torch.sigmoid(self.body(x))  # expect: sigmoid - -


x = torch.randn(512, 12)
y = (torch.rand(512, 1) > 0.8).float()
loader = DataLoader(TensorDataset(x, y), batch_size=64, shuffle=True)

net = ChurnNet(12)
net.fit(torch.optim.Adam(net.parameters(), lr=1e-3), nn.BCELoss(), loader)

logit_net = ChurnLogitNet(12)
criterion = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([4.0]))
opt = torch.optim.Adam(logit_net.parameters(), lr=1e-3)
for xb, yb in loader:
    opt.zero_grad()
    criterion(logit_net(xb), yb).backward()
    opt.step()
print(logit_net.predict_proba(x[:5]))
