"""Trains DigitNet (model.py, beside this file) on random stand-in data: python train.py"""
import torch
from torch import nn

from model import DigitNet


def train(epochs: int = 2) -> None:
    torch.manual_seed(0)
    images = torch.randn(256, 1, 28, 28)
    labels = torch.randint(0, 10, (256,))
    net = DigitNet()
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
    for epoch in range(epochs):
        for i in range(0, len(images), 64):
            optimizer.zero_grad()
            loss = criterion(net(images[i:i + 64]), labels[i:i + 64])
            loss.backward()
            optimizer.step()
        print(f'epoch {epoch}: loss {loss.item():.4f}')


if __name__ == '__main__':
    train()
