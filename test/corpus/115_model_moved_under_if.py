import torch
import torch.nn as nn
import torch.nn.functional as F

# A lesson that writes the same network twice, as a subclass and with nn.Sequential, for
# comparison, and trains only the second. The trained one is moved to the GPU under an `if`:
# the name then holds the moved module, the same model. The subclass nothing builds has no
# loss of its own (no AL101 there); the trained Sequential's LogSoftmax goes into CrossEntropyLoss.


class NetByHand(nn.Module):
    def __init__(self, n_in, n_hidden, n_out):
        super().__init__()
        self.hidden = nn.Linear(n_in, n_hidden)
        self.out = nn.Linear(n_hidden, n_out)

    def forward(self, x):
        x = F.relu(self.hidden(x))  # expect: relu hidden -
        return F.log_softmax(self.out(x), dim=1)  # expect: log_softmax output -


class NetEasy(nn.Module):
    def __init__(self, n_in, n_hidden, n_out):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(n_in, n_hidden),
            nn.ReLU(),  # expect: relu hidden CrossEntropyLoss
            nn.Linear(n_hidden, n_out),
            nn.LogSoftmax(dim=1),  # expect: log_softmax output CrossEntropyLoss
        )

    def forward(self, x):
        return self.net(x)


net = NetEasy(2, 10, 2)
if torch.cuda.is_available():
    net = net.cuda(0)
optimizer = torch.optim.SGD(net.parameters(), lr=0.02)
loss_func = nn.CrossEntropyLoss()
x = torch.randn(100, 2)
y = (x[:, 0] > 0).long()
for step in range(100):
    out = net(x)
    loss = loss_func(out, y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
