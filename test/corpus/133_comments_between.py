import torch
import torch.nn.functional as F

# A course's low-level cross entropy, explained line by line: the comments between the softmax and
# the log it takes are no statements, so the look back from the log still reaches the softmax
# (AL301), as it does over blank lines.

# a 3 x 5 matrix of random scores
z = torch.rand(3, 5, requires_grad=True)

# softmax over the second dimension: dim=1
hypothesis = F.softmax(z, dim=1)  # expect: softmax - -
print(hypothesis)

# a random label for each sample
y = torch.randint(5, (3,)).long()
print(y)

# one-hot encoding of each label
# a 3 x 5 tensor of zeros first
y_one_hot = torch.zeros_like(hypothesis)
y_one_hot.scatter_(1, y.unsqueeze(1), 1)
print(y_one_hot)

# the cost, written as its formula
cost = (y_one_hot * -torch.log(hypothesis)).sum(dim=1).mean()
print(cost)
