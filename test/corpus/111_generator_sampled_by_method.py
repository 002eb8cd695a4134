import torch
import torch.nn as nn

# A GAN whose generator is called only by a method the file never calls (`sample`, used by the
# training script of another file): the Sequential's last sigmoid is what `sample()` gives its
# callers, an image in [0, 1], not a hidden layer (no AL401). Its hidden ReLU is followed by a
# layer on the way out, so it is inside the model.


class GAN(nn.Module):
    def __init__(self, z_dim=2):
        super().__init__()
        self.z_dim = z_dim
        self.generator = nn.Sequential(
            nn.Linear(z_dim, 256),
            nn.ReLU(),  # expect: relu hidden -
            nn.Linear(256, 784),
            nn.Sigmoid(),  # expect: sigmoid - -
        )

    def forward(self, x):
        raise NotImplementedError

    def sample(self, n=1):
        return self.generator(torch.randn(n, self.z_dim))
