import torch

# Softmax regression from scratch, as courses write it (d2l's 3.6 and the homework that follows it):
# the model is a plain function, its softmax hand-written or torch's, and a hand-written cross
# entropy takes the log of what the function returns (AL301, named by the function).

W = torch.normal(0, 0.01, size=(784, 10), requires_grad=True)
b = torch.zeros(10, requires_grad=True)


def softmax(X):
    X_exp = torch.exp(X)
    partition = X_exp.sum(1, keepdim=True)
    return X_exp / partition


def net(X):
    return softmax(torch.matmul(X.reshape((-1, W.shape[0])), W) + b)


def torch_net(X):
    return torch.softmax(X.reshape((-1, 784)) @ W + b, dim=1)  # expect: softmax - -


def logits(X):
    return X.reshape((-1, 784)) @ W + b


def cross_entropy(y_hat, y):
    return -torch.log(y_hat[range(len(y_hat)), y])


def evaluate(net, X, y):
    # `net` here is whatever the caller passes, not the function of the module
    return -torch.log(net(X)[range(len(y)), y]).mean()


for X, y in [(torch.randn(8, 784), torch.randint(0, 10, (8,)))]:
    l = cross_entropy(net(X), y)
    l.sum().backward()
    y_hat = torch_net(X)
    l2 = -torch.log(y_hat[range(len(y_hat)), y]).mean()
    l3 = torch.nn.functional.cross_entropy(logits(X), y)
    print(evaluate(logits, X, y))


def softmax_again(X):
    # the numerator written out again over the same X (AL303, found through the names: no fix)
    X_exp = torch.exp(X)
    partition = X_exp.sum(1, keepdim=True)
    return torch.exp(X) / partition


def scaled(X):
    # X is bound again between: the second exp is of other values (silent)
    X_exp = torch.exp(X)
    partition = X_exp.sum(1, keepdim=True)
    X = X * 2
    return torch.exp(X) / partition
