import torch
import torch.nn as nn
import torch.nn.functional as F

# A tutorial split into scripts (or a notebook exported cell by cell): this file builds the model,
# its optimizer and its loss, and prints the model; the loop that trains it is in another file
# that reads these names without importing them. Building the optimizer on the model's parameters,
# printing it or moving it to the device hands no output anywhere, so the model is still trained by
# code this file does not have, with the loss it binds.


class IrisNet(nn.Module):
    def __init__(self, n_in):
        super().__init__()
        self.fc1 = nn.Linear(n_in, 50)
        self.fc2 = nn.Linear(50, 3)

    def forward(self, x):
        x = F.relu(self.fc1(x))  # expect: relu hidden CrossEntropyLoss
        return F.softmax(self.fc2(x), dim=1)  # expect: softmax output CrossEntropyLoss


device = "cuda" if torch.cuda.is_available() else "cpu"
model = IrisNet(4)
model.to(device)
print(model)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
print(sum(p.numel() for p in model.parameters()))
loss_fn = nn.CrossEntropyLoss()


class Scorer(nn.Module):
    # handed to a function the file does not define: what it does with the output is not known
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 3)

    def forward(self, x):
        return F.softmax(self.fc(x), dim=1)  # expect: softmax output -


scorer = Scorer()
evaluate(scorer)
