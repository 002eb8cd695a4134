import torch
import torch.nn as nn
import torch.nn.functional as F


class Regressor(nn.Module):
    def __init__(self, n_features):
        super().__init__()
        self.body = nn.Sequential(
            nn.Linear(n_features, 64),
            nn.Tanh(),  # expect: tanh hidden MSELoss
            nn.Linear(64, 1),
            nn.Softplus(),  # expect: softplus output MSELoss
        )

    def forward(self, x):
        return self.body(x).squeeze(-1)


model = Regressor(13)
loss_fn = nn.MSELoss()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(100):
    pred = model(X)
    loss = loss_fn(pred, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
