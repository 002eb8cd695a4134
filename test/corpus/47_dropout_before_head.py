import torch
import torch.nn as nn
import torch.nn.functional as F


# A CIFAR-style course CNN that puts ReLU and dropout after its last Linear: the dropout module
# passes values on, so that ReLU is at the output and clips the logits CrossEntropyLoss wants raw.
class SmallCifarNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.flat = nn.Flatten()
        self.fc1 = nn.Linear(16 * 16 * 16, 128)
        self.fc2 = nn.Linear(128, 10)
        self.drop_mid = nn.Dropout(0.3)
        self.drop_out = nn.Dropout(0.1)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv(x)), 2)  # expect: relu hidden CrossEntropyLoss
        x = self.flat(x)
        x = self.drop_mid(F.relu(self.fc1(x)))  # expect: relu hidden CrossEntropyLoss
        x = F.relu(self.fc2(x))  # expect: relu output CrossEntropyLoss
        return self.drop_out(x)


net = SmallCifarNet()
loss_fn = nn.CrossEntropyLoss()
opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
for images, labels in train_loader:
    opt.zero_grad()
    loss_fn(net(images), labels).backward()
    opt.step()
