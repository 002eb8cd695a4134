import torch
import torch.nn as nn
import torch.nn.functional as F

# A model that brings its own loss: a method the training script (another file, not here) calls
# with the model's output, `loss = net.risk(Y=y, output=net(x))`. Its softmax output is judged by
# the cross entropy that method applies to what it is given. A method that first runs its input
# through a layer of the model judges no output of it.


class TeacherAssistant(nn.Module):
    def __init__(self, n_classes=10):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 16, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten())  # expect: relu hidden cross_entropy
        self.fc = nn.Linear(16, n_classes)
        self.classifier_activation = nn.Softmax(dim=1)  # expect: softmax output cross_entropy

    def forward(self, x):
        return self.classifier_activation(self.fc(self.features(x)))

    def risk(self, Y, output):
        return F.cross_entropy(output, Y)


class Regressor(nn.Module):
    def __init__(self, d=8):
        super().__init__()
        self.body = nn.Linear(d, 16)
        self.head = nn.Linear(16, 1)

    def forward(self, x):
        return torch.sigmoid(self.head(torch.relu(self.body(x))))  # expect: sigmoid output - | relu hidden -

    def feature_loss(self, x, target):
        return F.mse_loss(self.body(x), target)
