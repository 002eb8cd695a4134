import torch
import torch.nn as nn
import torch.nn.functional as F

# Knowledge distillation losses written three ways. The first gives the teacher's log_softmax to
# F.kl_div as its target without log_target=True: PyTorch takes the log of the target, so the loss
# is NaN (AL109, an error). The loss module below builds KLDivLoss with log_target=True and gives it
# the teacher's softmax (AL109, a warning). Silent: log-probabilities with log_target=True, the
# usual softmax target of a plain KLDivLoss, and log-probabilities made probabilities by .exp().


def distill_loss(student_logits, teacher_logits, labels, T=4.0, alpha=0.9):
    soft_student = F.log_softmax(student_logits / T, dim=1)  # expect: log_softmax - kl_div
    soft_teacher = F.log_softmax(teacher_logits / T, dim=1)  # expect: log_softmax - -
    kd = F.kl_div(soft_student, soft_teacher, reduction="batchmean") * T * T
    return alpha * kd + (1 - alpha) * F.cross_entropy(student_logits, labels)


class LogTargetKD(nn.Module):
    def __init__(self, T=2.0):
        super().__init__()
        self.T = T
        self.kl = nn.KLDivLoss(reduction="batchmean", log_target=True)

    def forward(self, student_logits, teacher_logits):
        s = F.log_softmax(student_logits / self.T, dim=-1)  # expect: log_softmax - KLDivLoss
        t = F.softmax(teacher_logits / self.T, dim=-1)  # expect: softmax - -
        return self.kl(s, t)


def kd_log_target(student_logits, teacher_logits, T=4.0):
    s = F.log_softmax(student_logits / T, dim=1)  # expect: log_softmax - kl_div
    t = F.log_softmax(teacher_logits / T, dim=1)  # expect: log_softmax - -
    return F.kl_div(s, t, reduction="batchmean", log_target=True) * T * T


plain_kl = nn.KLDivLoss(reduction="batchmean")


def kd_plain(student_logits, teacher_logits, T=4.0):
    p = F.softmax(teacher_logits / T, dim=1)  # expect: softmax - -
    return plain_kl(F.log_softmax(student_logits / T, dim=1), p) * T * T  # expect: log_softmax - KLDivLoss


def kd_exp(student_logits, teacher_logits):
    log_t = torch.log_softmax(teacher_logits, dim=1)  # expect: log_softmax - -
    return F.kl_div(torch.log_softmax(student_logits, dim=1), log_t.exp(), reduction="batchmean")  # expect: log_softmax - kl_div


student = nn.Linear(32, 10)
teacher = nn.Linear(32, 10)
criterion = LogTargetKD()
opt = torch.optim.SGD(student.parameters(), lr=0.1)
for x, y in []:
    with torch.no_grad():
        t_logits = teacher(x)
    s_logits = student(x)
    loss = distill_loss(s_logits, t_logits, y) + criterion(s_logits, t_logits) + kd_log_target(s_logits, t_logits)
    loss = loss + kd_plain(s_logits, t_logits) + kd_exp(s_logits, t_logits)
    opt.zero_grad()
    loss.backward()
    opt.step()
