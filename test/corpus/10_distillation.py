import torch
import torch.nn as nn
import torch.nn.functional as F


class DistillationLoss(nn.Module):
    def __init__(self, T=4.0, alpha=0.9):
        super().__init__()
        self.T = T
        self.alpha = alpha
        self.ce = nn.CrossEntropyLoss()

    def forward(self, student_logits, teacher_logits, labels):
        soft = F.kl_div(
            F.log_softmax(student_logits / self.T, dim=1),  # expect: log_softmax - kl_div
            F.softmax(teacher_logits / self.T, dim=1),  # expect: softmax - -
            reduction="batchmean",
        ) * (self.T * self.T)
        return self.alpha * soft + (1 - self.alpha) * self.ce(student_logits, labels)


class Student(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))  # expect: relu hidden kl_div


student = Student()
criterion = DistillationLoss()
for x, y in loader:
    with torch.no_grad():
        t = teacher(x)
    loss = criterion(student(x), t, y)
    loss.backward()
