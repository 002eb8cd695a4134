import torch
import torch.nn as nn

# A pointer network's decoder: each step's attention is a softmax, kept in a list and concatenated
# at the end of forward; the training script's hand-written loss takes the log of the model's output
# (moved to the CPU first): the log of softmax probabilities (AL301, named by the model).


class Pointer(nn.Module):
    def __init__(self, h=8):
        super().__init__()
        self.v = nn.Linear(h, 1)

    def forward(self, enc):
        output = []
        for _ in range(enc.size(1)):
            a_i = torch.softmax(self.v(torch.tanh(enc)), dim=1)  # expect: softmax output - | tanh hidden -
            output.append(a_i.unsqueeze(1))
        output = torch.cat(output, dim=1).squeeze(3)
        return output


class Steps(nn.Module):
    # a list appended twice (logits and probabilities): which one each element is, is not read
    def __init__(self, h=8):
        super().__init__()
        self.v = nn.Linear(h, 1)

    def forward(self, enc):
        outs = []
        outs.append(self.v(enc))
        outs.append(torch.softmax(self.v(enc), dim=1))  # expect: softmax output -
        return torch.cat(outs, dim=1)


def loss_fun(yhat, y):
    onehot = torch.zeros(yhat.shape).scatter_(2, y.unsqueeze(2), 1)
    return -torch.mean(onehot * torch.log(yhat))


model = Pointer()
steps = Steps()
opt = torch.optim.Adam(model.parameters())
for epoch in range(3):
    x, y = torch.randn(4, 5, 8), torch.randint(0, 5, (4, 5))
    prediction = model(x)
    loss = loss_fun(prediction.cpu(), y)
    loss.backward()
    opt.step()
    print(torch.log(steps(x)).mean())
