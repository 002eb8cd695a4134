import torch
import torch.nn as nn

# A GAN notebook exported as a script: the discriminator ends in a sigmoid, the model is built
# and displayed by its name alone on a line (a cell's last line shows it), and the file's one loss
# is BCELoss. The training loop the notebook never finished is not here: the model is paired with
# the file's loss, as it is after `print(disc_net)` (AL103).


class Discriminator(nn.Module):
    def __init__(self, img_dim=784, hidden=128):
        super().__init__()
        layers = [nn.Linear(img_dim, hidden), nn.LeakyReLU(0.1)]  # expect: leaky_relu hidden BCELoss
        layers += [nn.Linear(hidden, 1), nn.Sigmoid()]  # expect: sigmoid output BCELoss
        self.disc = nn.Sequential(*layers)

    def forward(self, x):
        return self.disc(x.view(x.size(0), -1))


def init_weights(m):
    if isinstance(m, nn.Linear):
        nn.init.normal_(m.weight, 0.0, 0.02)


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
disc_net = Discriminator().to(device)
disc_net.apply(init_weights)
disc_net

criterion = nn.BCELoss()
