import torch
import torch.nn as nn
import torch.nn.functional as F


# The shape of a popular course's notebooks: a base class holds the training and validation steps
# (`self(images)` into F.cross_entropy), each model subclasses it and defines only its layers and
# forward. The step's self(...) runs the subclass's forward, so its last activation meets that loss.
def accuracy(outputs, labels):
    _, preds = torch.max(outputs, dim=1)
    return torch.tensor(torch.sum(preds == labels).item() / len(preds))


class ImageClassificationBase(nn.Module):
    def training_step(self, batch):
        images, labels = batch
        out = self(images)
        return F.cross_entropy(out, labels)

    def validation_step(self, batch):
        images, labels = batch
        out = self(images)
        loss = F.cross_entropy(out, labels)
        return {"val_loss": loss.detach(), "val_acc": accuracy(out, labels)}


class MultiClassBase(ImageClassificationBase):
    def epoch_end(self, epoch, result):
        print(f"Epoch [{epoch}], val_loss: {result['val_loss']:.4f}, val_acc: {result['val_acc']:.4f}")


class SoftmaxCnn(ImageClassificationBase):
    def __init__(self):
        super().__init__()
        self.network = nn.Sequential(
            nn.Conv2d(3, 32, kernel_size=3, padding=1),
            nn.ReLU(),  # expect: relu hidden cross_entropy
            nn.MaxPool2d(2, 2),
            nn.Flatten(),
            nn.Linear(32 * 16 * 16, 10),
        )

    def forward(self, xb):
        return F.softmax(self.network(xb), dim=1)  # expect: softmax output cross_entropy


class SigmoidResnet(MultiClassBase):
    # two levels below the base that trains it
    def __init__(self, backbone):
        super().__init__()
        self.network = backbone

    def forward(self, xb):
        return torch.sigmoid(self.network(xb))  # expect: sigmoid output cross_entropy


class LogitsMlp(ImageClassificationBase):
    def __init__(self):
        super().__init__()
        self.network = nn.Sequential(nn.Flatten(), nn.Linear(3072, 256), nn.ReLU(), nn.Linear(256, 10))  # expect: relu hidden cross_entropy

    def forward(self, xb):
        return self.network(xb)


class OwnStep(ImageClassificationBase):
    # overrides the step: its own loss, not the base's
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3072, 1)

    def forward(self, xb):
        return torch.sigmoid(self.fc(xb.flatten(1)))  # expect: sigmoid output BCELoss

    def training_step(self, batch):
        images, labels = batch
        return nn.BCELoss()(self(images).squeeze(1), labels.float())

    def validation_step(self, batch):
        images, labels = batch
        return {"val_loss": nn.BCELoss()(self(images).squeeze(1), labels.float())}


def fit(epochs, lr, model, train_loader, opt_func=torch.optim.SGD):
    optimizer = opt_func(model.parameters(), lr)
    for epoch in range(epochs):
        for batch in train_loader:
            loss = model.training_step(batch)
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()


for net in [SoftmaxCnn(), SigmoidResnet(nn.Linear(3072, 10)), LogitsMlp(), OwnStep()]:
    fit(5, 0.01, net, [])
