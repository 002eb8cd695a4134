import torch
import torch.nn as nn
import torch.nn.functional as F


class ConvBnAct(nn.Sequential):
    def __init__(self, cin, cout, k=3, stride=1, act_layer=nn.SiLU):  # expect: silu hidden CrossEntropyLoss
        super().__init__(nn.Conv2d(cin, cout, k, stride, k // 2, bias=False), nn.BatchNorm2d(cout), act_layer())


class SqueezeExcite(nn.Module):
    def __init__(self, c, rd):
        super().__init__()
        self.reduce = nn.Conv2d(c, rd, 1)
        self.act = nn.SiLU()  # expect: silu hidden CrossEntropyLoss
        self.expand = nn.Conv2d(rd, c, 1)
        self.gate = nn.Sigmoid()  # expect: sigmoid hidden CrossEntropyLoss gate

    def forward(self, x):
        s = x.mean((2, 3), keepdim=True)
        s = self.expand(self.act(self.reduce(s)))
        return x * self.gate(s)


class MBConv(nn.Module):
    def __init__(self, cin, cout, expand=4):
        super().__init__()
        mid = cin * expand
        self.pw = nn.Conv2d(cin, mid, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(mid)
        self.act1 = nn.SiLU(inplace=True)  # expect: silu hidden CrossEntropyLoss
        self.se = SqueezeExcite(mid, cin // 4)
        self.pwl = nn.Conv2d(mid, cout, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)

    def forward(self, x):
        shortcut = x
        x = self.act1(self.bn1(self.pw(x)))
        x = self.se(x)
        x = self.bn2(self.pwl(x))
        return x + shortcut


class TinyEfficientNet(nn.Module):
    def __init__(self, n_classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, 2, 1), nn.BatchNorm2d(16), nn.SiLU())  # expect: silu hidden CrossEntropyLoss
        self.blocks = nn.Sequential(MBConv(16, 16), MBConv(16, 16))
        self.classifier = nn.Linear(16, n_classes)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        return self.classifier(x.mean((2, 3)))


model = TinyEfficientNet()
loss = nn.CrossEntropyLoss()(model(images), labels)
