import torch
import torch.nn as nn


# A keyboard-imitation agent: built for training it holds a classifier ending in a softmax (and its
# optimizer); built for play it loads the same layers without one. The training script below builds
# it for training only.
class InputImitator(nn.Module):
    def __init__(self, n_pixels, n_keys, training_mode=True):
        super().__init__()
        if training_mode:
            self.model = nn.Sequential(
                nn.Linear(n_pixels, 32),
                nn.ReLU(),  # expect: relu hidden CrossEntropyLoss
                nn.Linear(32, n_keys),
                nn.Softmax(dim=1),  # expect: softmax output CrossEntropyLoss
            )
            self.optimizer = torch.optim.Adam(self.model.parameters(), lr=0.01)
        else:
            self.model = nn.Sequential(nn.Linear(n_pixels, 32), nn.ReLU(), nn.Linear(32, n_keys))  # expect: relu - -
            self.model.load_state_dict(torch.load("weights.pth"))

    def train_network(self, frames):
        criterion = nn.CrossEntropyLoss()
        for pixels, key in frames:
            prediction = self.model(pixels.float() / 255.0)
            if prediction.ndim == 1:
                prediction = prediction.unsqueeze(0)
            self.optimizer.zero_grad()
            loss = criterion(prediction, key)
            loss.backward()
            self.optimizer.step()


def main(frames):
    agent = InputImitator(23040, 9, training_mode=True)
    agent.train_network(frames)
