import torch
import torch.nn as nn

# A DCGAN notebook exported as a script: the discriminator ends in a sigmoid, the model is built
# and displayed by its name alone on a line (a cell's last line shows it), and the file's one loss
# is BCELoss. The training loop the notebook never finished is not here: the model is paired with
# the file's loss, as it is after `print(disc_net)` (AL103).


class Discriminator(nn.Module):
    def __init__(self, ndf=64):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(3, ndf, 4, 2, 1, bias=False),
            nn.LeakyReLU(0.2, inplace=True),  # expect: leaky_relu hidden BCELoss
            nn.Conv2d(ndf, 1, 4, 1, 0, bias=False),
            nn.Sigmoid(),  # expect: sigmoid output BCELoss
        )

    def forward(self, x):
        return self.main(x)


def init_weights(m):
    if isinstance(m, nn.Conv2d):
        nn.init.normal_(m.weight, 0.0, 0.02)


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
disc_net = Discriminator().to(device)
disc_net.apply(init_weights)
disc_net

criterion = nn.BCELoss()
