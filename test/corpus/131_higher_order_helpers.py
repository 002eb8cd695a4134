import torch
from torch import nn

# Softmax regression from scratch trained through generic helpers that take the model and the loss
# as arguments, two levels deep (the shape of d2l's train_ch3 → train_epoch_ch3): the hand-written
# cross entropy is only ever called through the helper's `loss` parameter, and the helper's `net`
# parameter is the module's softmax function (AL301 at the log, named by that function).

num_inputs, num_outputs = 784, 10
W = torch.normal(0, 0.01, size=(num_inputs, num_outputs), requires_grad=True)
b = torch.zeros(num_outputs, requires_grad=True)


def softmax(X):
    X_exp = torch.exp(X)
    partition = X_exp.sum(1, keepdim=True)
    return X_exp / partition


def net(X):
    return softmax(torch.matmul(X.reshape((-1, W.shape[0])), W) + b)


def cross_entropy(y_hat, y):
    return -torch.log(y_hat[range(len(y_hat)), y])


# the book's check of the loss on two rows of probabilities written out: no model's output, so it
# does not hide what the training helper gives the function
y_hat = torch.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]])
print(cross_entropy(y_hat, torch.tensor([0, 2])))


def sgd(params, lr, batch_size):
    with torch.no_grad():
        for param in params:
            param -= lr * param.grad / batch_size
            param.grad.zero_()


def updater(batch_size):
    return sgd([W, b], 0.1, batch_size)


def accuracy(y_hat, y):
    return float((y_hat.argmax(axis=1).type(y.dtype) == y).sum())


def train_epoch(net, train_iter, loss, updater):
    metric = [0.0, 0.0, 0]
    for X, y in train_iter:
        y_hat = net(X)
        l = loss(y_hat, y)
        l.sum().backward()
        updater(X.shape[0])
        metric[0] += float(l.sum())
        metric[1] += accuracy(y_hat, y)
        metric[2] += y.numel()
    return metric[0] / metric[2], metric[1] / metric[2]


def train(net, train_iter, test_iter, loss, num_epochs, updater):
    for epoch in range(num_epochs):
        train_metrics = train_epoch(net, train_iter, loss, updater)
        print(epoch + 1, train_metrics)


train_iter = [(torch.randn(16, 784), torch.randint(0, 10, (16,)))]
train(net, train_iter, train_iter, cross_entropy, 3, updater)


# The same helpers given raw scores and a loss of the other kind elsewhere: a function taking the
# scores, and its own helper called with two different models (which one `model` holds at the log
# is not one function: silent).
def scores(X):
    return X.reshape((-1, num_inputs)) @ W + b


def log_loss(p, y):
    return -torch.log(p.gather(1, y.unsqueeze(1)))


def fit(model, data, loss_fn):
    for X, y in data:
        loss_fn(model(X), y).mean().backward()


fit(scores, train_iter, nn.CrossEntropyLoss())
fit(net, train_iter, log_loss)
fit(scores, train_iter, log_loss)
