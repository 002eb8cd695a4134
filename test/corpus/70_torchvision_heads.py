import torch
import torch.nn as nn
import torchvision
from collections import OrderedDict
from torchvision import models
from torchvision.models import vgg16, VGG16_Weights


# Transfer learning as tutorials and course notebooks do it: a pretrained torchvision classifier
# whose last module is replaced by the task's own head. The head's result is what the model's
# forward returns, so its last activation meets the loss the model is trained with.
def binary_resnet(train_loader, device):
    model = torchvision.models.resnet18(weights="IMAGENET1K_V1")
    for p in model.parameters():
        p.requires_grad = False
    model.fc = nn.Sequential(nn.Linear(model.fc.in_features, 64), nn.ReLU(), nn.Linear(64, 1), nn.Sigmoid())  # expect: relu hidden BCELoss | sigmoid output BCELoss
    model = model.to(device)
    criterion = nn.BCELoss()
    optimizer = torch.optim.Adam(model.fc.parameters(), lr=1e-3)
    for images, labels in train_loader:
        optimizer.zero_grad()
        loss = criterion(model(images.to(device)).squeeze(1), labels.float().to(device))
        loss.backward()
        optimizer.step()
    return model


def flowers_vgg(loader, n_classes=102):
    model = vgg16(weights=VGG16_Weights.DEFAULT)
    model.classifier[6] = nn.Sequential(nn.Linear(4096, n_classes), nn.Softmax(dim=1))  # expect: softmax output CrossEntropyLoss
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.classifier.parameters(), lr=0.01, momentum=0.9)
    for x, y in loader:
        optimizer.zero_grad()
        criterion(model(x), y).backward()
        optimizer.step()


def flowers_densenet(loader):
    # LogSoftmax with NLLLoss is right: nothing to say about the head
    model = models.densenet121(weights="DEFAULT")
    model.classifier = nn.Sequential(OrderedDict([
        ("fc1", nn.Linear(1024, 500)),
        ("relu", nn.ReLU()),  # expect: relu hidden NLLLoss
        ("drop", nn.Dropout(0.2)),
        ("fc2", nn.Linear(500, 102)),
        ("output", nn.LogSoftmax(dim=1)),  # expect: log_softmax output NLLLoss
    ]))
    criterion = nn.NLLLoss()
    optimizer = torch.optim.Adam(model.classifier.parameters(), lr=0.003)
    for x, y in loader:
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()


def by_name(loader, arch="resnet50"):
    model = torchvision.models.get_model("resnet50", weights="DEFAULT")
    model.fc = nn.Sequential(nn.Dropout(0.5), nn.Linear(2048, 10), nn.LogSoftmax(dim=1))  # expect: log_softmax output CrossEntropyLoss
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.1)
    for x, y in loader:
        loss_fn(model(x), y).backward()


def mobile_last_layer(loader):
    model = models.mobilenet_v3_small(weights="DEFAULT")
    model.classifier[-1] = nn.Sequential(nn.Linear(1024, 1), nn.Sigmoid())  # expect: sigmoid output BCEWithLogitsLoss
    criterion = nn.BCEWithLogitsLoss()
    for x, y in loader:
        criterion(model(x).squeeze(-1), y).backward()


def from_hub(loader):
    model = torch.hub.load("pytorch/vision", "efficientnet_b0", weights="DEFAULT")
    model.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(1280, 5), nn.Softmax(dim=-1))  # expect: softmax output NLLLoss
    criterion = nn.NLLLoss()
    for x, y in loader:
        criterion(model(x), y).backward()


def not_the_head(loader):
    # a stage inside the backbone replaced: its activation is not the model's output
    model = models.resnet34(weights="DEFAULT")
    model.avgpool = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Tanh())  # expect: tanh - -
    model.fc = nn.Linear(512, 3)
    criterion = nn.CrossEntropyLoss()
    for x, y in loader:
        criterion(model(x), y).backward()


def thresholded(images):
    # a sigmoid head read by a threshold for predictions, no loss: nothing to say
    model = models.resnet18(weights="DEFAULT")
    model.fc = nn.Sequential(nn.Linear(512, 1), nn.Sigmoid())  # expect: sigmoid output -
    model.eval()
    with torch.no_grad():
        return (model(images) > 0.5).long()


def aux_logits(loader):
    # inception_v3's forward returns the auxiliary logits beside the head's while training: not read
    model = models.inception_v3(weights="DEFAULT")
    model.fc = nn.Sequential(nn.Linear(2048, 10), nn.Softmax(dim=1))  # expect: softmax - -
    criterion = nn.CrossEntropyLoss()
    for x, y in loader:
        out, aux = model(x)
        (criterion(out, y) + 0.4 * criterion(aux, y)).backward()


class SmallNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 16, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten())  # expect: relu hidden BCEWithLogitsLoss
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        return self.fc(self.features(x))


def own_model_new_head(loader):
    net = SmallNet()
    net.fc = nn.Sequential(nn.Linear(16, 1), nn.Sigmoid())  # expect: sigmoid output BCEWithLogitsLoss
    criterion = nn.BCEWithLogitsLoss()
    for x, y in loader:
        criterion(net(x).squeeze(1), y).backward()


class FrozenBackbone(nn.Module):
    # a module wrapping the pretrained model: the head replaced through the attribute that holds it
    def __init__(self, n_out=1, freeze=True):
        super().__init__()
        self.backbone = models.resnet50(weights="DEFAULT")
        if freeze:
            for p in self.backbone.parameters():
                p.requires_grad = False
        self.backbone.fc = nn.Sequential(nn.Linear(self.backbone.fc.in_features, n_out), nn.Sigmoid())  # expect: sigmoid output BCELoss

    def forward(self, x):
        return self.backbone(x).squeeze(-1)


def train_wrapped(loader):
    model = FrozenBackbone()
    criterion = nn.BCELoss()
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=1e-3)
    for x, y in loader:
        opt.zero_grad()
        criterion(model(x), y.float()).backward()
        opt.step()


def one_or_two_outputs(loader, n_classes):
    # the head and the loss chosen by the same flag: the sigmoid head meets BCELoss, never CrossEntropyLoss
    binary = n_classes == 1
    model = models.resnet18(weights="DEFAULT")
    if binary:
        model.fc = nn.Sequential(nn.Linear(512, 1), nn.Sigmoid())  # expect: sigmoid output BCELoss
    else:
        model.fc = nn.Linear(512, n_classes)
    if binary:
        criterion = nn.BCELoss()
    else:
        criterion = nn.CrossEntropyLoss()
    for x, y in loader:
        out = model(x)
        loss = criterion(out.squeeze(1) if binary else out, y.float() if binary else y)
        loss.backward()


def chosen_backbone(arch, loader):
    model = models.vgg13(weights="DEFAULT") if arch == "vgg13" else models.vgg16(weights="DEFAULT")
    model.classifier = nn.Sequential(nn.Linear(25088, 512), nn.ReLU(), nn.Linear(512, 102), nn.LogSoftmax(dim=1))  # expect: relu hidden CrossEntropyLoss | log_softmax output CrossEntropyLoss
    criterion = nn.CrossEntropyLoss()
    for x, y in loader:
        criterion(model.forward(x), y).backward()


def other_library(arch, loader, make_model):
    # one arm builds a model the file does not know: where its head is, nobody here says
    model = models.resnet18(weights="DEFAULT") if arch == "resnet18" else make_model(arch)
    model.fc = nn.Sequential(nn.Linear(512, 10), nn.Softmax(dim=1))  # expect: softmax - -
    criterion = nn.CrossEntropyLoss()
    for x, y in loader:
        criterion(model(x), y).backward()


def head_tried_then_replaced(loader):
    # the softmax head is replaced on the next line, before the model is ever called
    model = models.alexnet(weights="DEFAULT")
    model.classifier[6] = nn.Sequential(nn.Linear(4096, 4), nn.Softmax(dim=1))  # expect: softmax - -
    model.classifier[6] = nn.Linear(4096, 4)
    criterion = nn.CrossEntropyLoss()
    for x, y in loader:
        criterion(model(x), y).backward()


def build_model_and_optimizer(lr):
    # the model handed back beside its optimizer
    net = models.resnet34(weights="DEFAULT")
    net.fc = nn.Sequential(nn.Linear(net.fc.in_features, 1), nn.Sigmoid())  # expect: sigmoid output BCEWithLogitsLoss
    optimizer = torch.optim.Adam(net.fc.parameters(), lr=lr)
    return net, optimizer


def train_built(loader):
    net, optimizer = build_model_and_optimizer(1e-3)
    criterion = nn.BCEWithLogitsLoss()
    for x, y in loader:
        optimizer.zero_grad()
        criterion(net(x).squeeze(1), y.float()).backward()
        optimizer.step()


def flag_changed_between(loader, multilabel):
    # the flag is bound again between the head and the loss: the two `if`s no longer test the same
    # value, so the head's arm does not choose the loss (not BCELoss: this sigmoid meets CrossEntropyLoss)
    model = models.resnet50(weights="DEFAULT")
    if multilabel:
        model.fc = nn.Sequential(nn.Linear(2048, 20), nn.Sigmoid())  # expect: sigmoid output -
    else:
        model.fc = nn.Linear(2048, 20)
    multilabel = False
    if multilabel:
        criterion = nn.BCELoss()
    else:
        criterion = nn.CrossEntropyLoss()
    for x, y in loader:
        criterion(model(x), y).backward()


def flag_as_parameter(loader, binary=False):
    # the flag a parameter of the function: the head and the loss still go together
    model = models.resnet18(weights="DEFAULT")
    if binary:
        model.fc = nn.Sequential(nn.Linear(512, 1), nn.Sigmoid())  # expect: sigmoid output BCELoss
    else:
        model.fc = nn.Linear(512, 10)
    if binary:
        criterion = nn.BCELoss()
    else:
        criterion = nn.CrossEntropyLoss()
    for x, y in loader:
        criterion(model(x), y).backward()
