import argparse

import torch
import torch.nn as nn
import torchvision
import torchvision.models as models

# Fine-tuning scripts that let the command line pick the architecture: the builder is looked up
# when the script runs (`models.__dict__[args.arch]`, `getattr(models, name)`, `get_model(name)`,
# a dict of builders). Which model it is stays unknown, but assigning to `fc`, `classifier`,
# `classifier[-1]`, `head` or `heads` replaces the head of whichever torchvision classifier has it.
model_names = sorted(name for name in models.__dict__ if name.islower() and not name.startswith("__") and callable(models.__dict__[name]))

parser = argparse.ArgumentParser(description="fine-tune a torchvision classifier")
parser.add_argument("--arch", default="resnet18", choices=model_names)
parser.add_argument("--multilabel", action="store_true")
parser.add_argument("--classes", type=int, default=20)


def build_from_dict(arch, n_classes):
    model = models.__dict__[arch](pretrained=True)
    for p in model.parameters():
        p.requires_grad = False
    model.fc = nn.Sequential(nn.Dropout(0.2), nn.Linear(model.fc.in_features, n_classes), nn.Sigmoid())  # expect: sigmoid output BCEWithLogitsLoss
    return model


def train_tagger(args, loader):
    model = build_from_dict(args.arch, args.classes).cuda()
    criterion = nn.BCEWithLogitsLoss()
    optimizer = torch.optim.SGD(model.fc.parameters(), lr=0.01, momentum=0.9)
    for images, target in loader:
        output = model(images.cuda(non_blocking=True))
        loss = criterion(output, target.float().cuda())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


BACKBONES = {
    "resnet34": models.resnet34,
    "resnet50": models.resnet50,
    "wide": models.wide_resnet50_2,
}


def species_classifier(name, loader, n=37):
    # every builder in the dict has its head at `fc`
    net = BACKBONES[name](weights="DEFAULT")
    net.fc = nn.Sequential(nn.Linear(net.fc.in_features, n), nn.LogSoftmax(dim=1))  # expect: log_softmax output CrossEntropyLoss
    criterion = nn.CrossEntropyLoss()
    opt = torch.optim.Adam(net.parameters(), lr=3e-4)
    for x, y in loader:
        opt.zero_grad()
        criterion(net(x), y).backward()
        opt.step()


MIXED = {"resnet18": models.resnet18, "vgg11": models.vgg11}


def mixed_backbones(name, loader):
    # a VGG has no `fc`: for it the Sequential below is never called, so nothing is said
    net = MIXED[name](weights="DEFAULT")
    net.fc = nn.Sequential(nn.Linear(512, 10), nn.Softmax(dim=1))  # expect: softmax - -
    criterion = nn.CrossEntropyLoss()
    for x, y in loader:
        criterion(net(x), y).backward()


def by_getattr(arch, loader):
    net = getattr(torchvision.models, arch)(weights="DEFAULT")
    net.classifier[-1] = nn.Sequential(nn.Linear(net.classifier[-1].in_features, 1), nn.Sigmoid())  # expect: sigmoid output BCELoss
    loss_fn = nn.BCELoss()
    for x, y in loader:
        loss_fn(net(x).squeeze(1), y.float()).backward()


def by_hub(arch, loader):
    net = torch.hub.load("pytorch/vision", arch, weights="DEFAULT")
    # index 4 is no family's last module (a VGG's is 6, a MobileNet v3's 3): not read as the head
    net.classifier[4] = nn.Sequential(nn.Linear(4096, 4096), nn.Tanh())  # expect: tanh - -
    loss_fn = nn.CrossEntropyLoss()
    for x, y in loader:
        loss_fn(net(x), y).backward()


def by_get_model(arch, loader):
    net = torchvision.models.get_model(arch, weights=None, num_classes=10)
    # a linear head: the logits go to the loss, nothing to say
    net.classifier = nn.Linear(1280, 10)
    loss_fn = nn.CrossEntropyLoss()
    for x, y in loader:
        loss_fn(net(x), y).backward()
    probs = torch.softmax(net(x), dim=1)  # expect: softmax - -
    return probs.argmax(1)


if __name__ == "__main__":
    args = parser.parse_args()
    train_tagger(args, None)
