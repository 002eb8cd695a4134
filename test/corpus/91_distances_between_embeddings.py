import torch
import torch.nn as nn
import torch.nn.functional as F

# Few-shot and metric learning: an encoder whose last layer is a ReLU gives embeddings, and the
# loss judges distances between them (to class prototypes, to a support set), not the ReLU's
# values: CrossEntropyLoss over -distances is the prototypical network's loss. Silent whether the
# distance is torch.cdist, torch.norm of a difference, or a squared difference summed in a helper.
# The classifier below, whose ReLU is the logits themselves, is still AL107.


class Encoder(nn.Module):
    def __init__(self, d_in=32, d=64):
        super().__init__()
        self.fc1 = nn.Linear(d_in, d)
        self.fc2 = nn.Linear(d, d)

    def forward(self, x):
        x = torch.relu(self.fc1(x))  # expect: relu hidden -
        return torch.relu(self.fc2(x))  # expect: relu output -


def euclidean_dist(x, y):
    n, m, d = x.size(0), y.size(0), x.size(1)
    x = x.unsqueeze(1).expand(n, m, d)
    y = y.unsqueeze(0).expand(n, m, d)
    return torch.pow(x - y, 2).sum(2)


def l2(a, b):
    diff = a[:, None] - b
    return (diff ** 2).sum(-1)


encoder = Encoder()
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(encoder.parameters(), lr=1e-3)


def episode(support, query, labels, n_way=5, k_shot=5):
    prototypes = encoder(support).view(n_way, k_shot, -1).mean(dim=1)
    q = encoder(query)
    losses = [
        criterion(-torch.cdist(q, prototypes), labels),
        criterion(-torch.norm(q[:, None] - prototypes, dim=2), labels),
        F.cross_entropy(-euclidean_dist(q, prototypes), labels),
        F.cross_entropy(-l2(q, prototypes), labels),
        F.cross_entropy(10 * F.cosine_similarity(q[:, None], prototypes, dim=-1), labels),
    ]
    loss = sum(losses)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(64, 5)

    def forward(self, x):
        return F.relu(self.fc(x))  # expect: relu output cross_entropy


clf = Classifier()
for x, y in []:
    logits = clf(x)
    F.cross_entropy(logits - logits.max(dim=1, keepdim=True).values, y).backward()
