import torch
import torch.nn as nn

# A regression script that builds its model inside the call that trains it. The predictor's
# sigmoid bounds its output to (0, 1) while MSELoss compares it with prices (AL105), as when the
# model is first bound to a name. The encoder built inside another module's constructor is a part
# of that module: its tanh is hidden there, and the weight initialiser takes no loss.


class PricePredictor(nn.Module):
    def __init__(self, n_features=13):
        super().__init__()
        self.fc1 = nn.Linear(n_features, 64)
        self.act = nn.ReLU()  # expect: relu hidden MSELoss
        self.fc2 = nn.Linear(64, 1)

    def forward(self, x):
        return torch.sigmoid(self.fc2(self.act(self.fc1(x))))  # expect: sigmoid output MSELoss


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(13, 8)

    def forward(self, x):
        return torch.tanh(self.fc(x))  # expect: tanh hidden MSELoss


class Wrapped(nn.Module):
    def __init__(self, encoder):
        super().__init__()
        self.encoder = encoder
        self.head = nn.Linear(8, 1)

    def forward(self, x):
        return self.head(self.encoder(x))


def init_weights(model):
    for p in model.parameters():
        nn.init.normal_(p, std=0.02)
    return model


def fit(model, loader, epochs=10):
    criterion = nn.MSELoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _ in range(epochs):
        for x, price in loader:
            optimizer.zero_grad()
            loss = criterion(model(x), price)
            loss.backward()
            optimizer.step()
    return model


fit(PricePredictor(), [])
fit(Wrapped(Encoder()), [])
init_weights(PricePredictor(n_features=4))
