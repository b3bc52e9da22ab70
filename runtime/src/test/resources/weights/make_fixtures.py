"""Fixtures for the weights-import tests (dev.rethink.runtime.weights): small torchvision networks with random
weights, saved in the formats people have, with torchvision's outputs on a fixed input as the reference.

How to regenerate (the outputs are committed; CI never runs this script):

    apt-get install -y python3-torch python3-torchvision     # Debian's packages; written against torch 1.13
    cd runtime/src/test/resources/weights && /usr/bin/python3 make_fixtures.py

Everything is seeded, so a rerun with the same torch gives the same numbers. The networks are torchvision's own
classes and building blocks (ResNet._make_layer, BasicBlock, Bottleneck, vgg.make_layers) with every width divided
by 32, so that each file is tens of kilobytes; each matches one Rethink spec exactly:

    r18     ResNetSpec.of(18).withWidthMultiplier(1 / 32.0)                       BN, 10 classes
    r18_gn  the same with new GroupNorm(2)                                         GN(2 groups)
    x50     new ResNetSpec(50, new BatchNorm(), false, 2, 32, 1 / 32.0)           ResNeXt-50 2x32d, BN, 10 classes
    vgg16   new VggSpec(16, new NoNorm(), 1 / 32.0)                               convolutional part only

BN layers carry non-trivial running statistics: gamma/beta are drawn at random, then the statistics are the
cumulative averages over four random training batches (so activations stay of order one and the logits are a
meaningful check). Outputs (NCHW, float32, as torchvision computes them in eval mode on input.npy):

    input.npy            [2, 3, 37, 37] input (odd sizes exercise the padding conventions), already normalized
    r18.pth              torch.save(state_dict) (zip format), torchvision names, incl. num_batches_tracked (int64)
    r18.safetensors      the same tensors, written by hand below (Debian has no python3-safetensors)
    r18.npz              the same tensors, np.savez
    r18_logits.npy       [2, 10]
    r18_gn.safetensors, r18_gn_logits.npy
    x50.pth, x50_logits.npy, x50_res5.npy ([2, 64, 2, 2], layer4's output)
    x50_d2.pkl           Detectron2 naming with the detector prefix backbone.bottom_up. (no classifier head),
                         {"model": {name: ndarray}, "__author__": ...}, pickle protocol 4
    x50_c2.pkl           Detectron (Caffe2) naming, {"blobs": {...}}, pickle protocol 2 as Detectron wrote: BN
                         folded into AffineChannel (_bn_s, _bn_b, as Detectron's MSRA ImageNet models), the head as
                         fc1000_w / fc1000_b, plus one optimizer blob (conv1_w_momentum) a loader must leave out
    vgg16.pth, vgg16_conv5.npy ([2, 16, 2, 2], conv5_3 after its ReLU, before the last pool: Rethink's VGG
                         leaves conv5 unpooled)
    complex.pth          a state dict holding a complex64 tensor (unknown dtype)
    not_state_dict.pth   torch.save of a list (a pickle that is no state dict)
    legacy.pt            torch.save in the pre-1.6 (non-zip) format
"""
import json
import pickle
import struct

import numpy as np
import torch
from torch import nn
from torchvision.models import resnet, vgg

CLASSES = 10


class ScaledResNet(resnet.ResNet):
    """torchvision.models.ResNet.__init__ with every width divided by scale (the rest is torchvision's)."""

    def __init__(self, block, layers, scale, groups=1, width_per_group=64, norm_layer=None):
        nn.Module.__init__(self)
        norm_layer = norm_layer or nn.BatchNorm2d
        self._norm_layer = norm_layer
        self.inplanes = 64 // scale
        self.dilation = 1
        self.groups = groups
        self.base_width = width_per_group
        self.conv1 = nn.Conv2d(3, self.inplanes, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = norm_layer(self.inplanes)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = self._make_layer(block, 64 // scale, layers[0])
        self.layer2 = self._make_layer(block, 128 // scale, layers[1], stride=2)
        self.layer3 = self._make_layer(block, 256 // scale, layers[2], stride=2)
        self.layer4 = self._make_layer(block, 512 // scale, layers[3], stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(512 // scale * block.expansion, CLASSES)


class VggFeatures(nn.Module):
    """torchvision's VGG feature extractor (vgg.make_layers of configuration D, widths / 32)."""

    def __init__(self):
        super().__init__()
        cfg = [v if v == "M" else v // 32 for v in vgg.cfgs["D"]]
        self.features = vgg.make_layers(cfg, batch_norm=False)

    def forward(self, x):
        return self.features(x)


def randomize(model):
    """Random norm affine parameters, then BN statistics measured on four random training batches."""
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, (nn.BatchNorm2d, nn.GroupNorm)):
                m.weight.uniform_(0.5, 1.5)
                m.bias.normal_(0.0, 0.2)
            if isinstance(m, nn.Conv2d) and m.bias is not None:
                m.bias.normal_(0.0, 0.1)
        bns = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
        for m in bns:
            m.reset_running_stats()
            m.momentum = None  # cumulative average
        model.train()
        for _ in range(4):
            model(torch.randn(8, 3, 37, 37))
        for m in bns:
            m.momentum = 0.1
    model.eval()
    return model


class Python2Pickler(pickle._Pickler):
    """Protocol 2 as Python 2 wrote it (Detectron's pickles): bytes and ASCII text as Python 2 str (BINSTRING),
    which Python 3 reads back with pickle.load(f, encoding="latin1"), as Detectron2 does."""

    dispatch = dict(pickle._Pickler.dispatch)

    def save_python2_str(self, obj):
        data = obj if isinstance(obj, bytes) else obj.encode("ascii")
        if len(data) < 256:
            self.write(pickle.SHORT_BINSTRING + struct.pack("<B", len(data)) + data)
        else:
            self.write(pickle.BINSTRING + struct.pack("<i", len(data)) + data)
        self.memoize(obj)

    dispatch[bytes] = save_python2_str
    dispatch[str] = save_python2_str


def numpy_state(model):
    return {k: v.detach().numpy().copy() for k, v in model.state_dict().items()}


def save_npy(name, array):
    np.save(name, np.ascontiguousarray(array, dtype=np.float32))


def save_safetensors(path, tensors):
    """safetensors by hand: u64 little-endian header length, JSON header (padded to 8 bytes), raw data."""
    dtypes = {np.dtype("float32"): "F32", np.dtype("int64"): "I64"}
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name, array in tensors.items():
        data = np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": dtypes[array.dtype], "shape": list(array.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for data in blobs:
            f.write(data)


def res5(model, x):
    """The output of layer4 (Detectron2's res5)."""
    x = model.maxpool(model.relu(model.bn1(model.conv1(x))))
    return model.layer4(model.layer3(model.layer2(model.layer1(x))))


def detectron2_names(state, prefix):
    """torchvision -> Detectron2 backbone names (as detectron2's convert-torchvision-to-d2 renames them)."""
    out = {}
    for k, v in state.items():
        if k.startswith("fc.") or k.endswith("num_batches_tracked"):
            continue  # a detector checkpoint has no classifier head; FrozenBN keeps no batch count
        if not k.startswith("layer"):
            k = "stem." + k
        for t in range(1, 5):
            k = k.replace("layer%d." % t, "res%d." % (t + 1))
        for t in range(1, 4):
            k = k.replace("bn%d." % t, "conv%d.norm." % t)
        k = k.replace("downsample.0.", "shortcut.").replace("downsample.1.", "shortcut.norm.")
        out[prefix + k] = v
    return out


def detectron_blobs(state, eps=1e-5):
    """torchvision -> Detectron (Caffe2) blobs, BN folded into AffineChannel scale / bias."""
    blobs = {"conv1_w": state["conv1.weight"]}

    def affine(bn, name):
        scale = state[bn + ".weight"] / np.sqrt(state[bn + ".running_var"] + eps)
        blobs[name + "_s"] = scale.astype(np.float32)
        blobs[name + "_b"] = (state[bn + ".bias"] - state[bn + ".running_mean"] * scale).astype(np.float32)

    affine("bn1", "res_conv1_bn")
    for k in state:
        parts = k.split(".")
        if not k.startswith("layer") or parts[-1] != "weight":
            continue
        stage, block = int(parts[0][len("layer"):]) + 1, parts[1]
        if parts[2].startswith("conv"):
            i = int(parts[2][len("conv"):])
            branch, bn = "branch2" + "abc"[i - 1], "%s.%s.bn%d" % (parts[0], parts[1], i)
        elif parts[2:4] == ["downsample", "0"]:
            branch, bn = "branch1", "%s.%s.downsample.1" % (parts[0], parts[1])
        else:
            continue  # a norm weight, taken with its convolution
        name = "res%d_%s_%s" % (stage, block, branch)
        blobs[name + "_w"] = state[k]
        affine(bn, name + "_bn")
    blobs["fc1000_w"] = state["fc.weight"]
    blobs["fc1000_b"] = state["fc.bias"]
    blobs["conv1_w_momentum"] = np.zeros_like(state["conv1.weight"])
    return blobs


def main():
    torch.manual_seed(0)
    x = torch.randn(2, 3, 37, 37)
    save_npy("input.npy", x.numpy())

    with torch.no_grad():
        r18 = randomize(ScaledResNet(resnet.BasicBlock, [2, 2, 2, 2], 32))
        torch.save(r18.state_dict(), "r18.pth")
        state = numpy_state(r18)
        save_safetensors("r18.safetensors", state)
        save_npy("r18_logits.npy", r18(x).numpy())
        save_npy("r18_res5.npy", res5(r18, x).numpy())
        with open("r18_d2.pkl", "wb") as f:
            pickle.dump({"model": detectron2_names(state, "backbone.bottom_up."),
                         "__author__": "make_fixtures.py", "matching_heuristics": True}, f, protocol=4)

        r18_gn = randomize(ScaledResNet(resnet.BasicBlock, [2, 2, 2, 2], 32,
                                        norm_layer=lambda c: nn.GroupNorm(2, c)))
        save_safetensors("r18_gn.safetensors", numpy_state(r18_gn))
        save_npy("r18_gn_logits.npy", r18_gn(x).numpy())

        x50 = randomize(ScaledResNet(resnet.Bottleneck, [3, 4, 6, 3], 64, groups=2, width_per_group=64))
        state = numpy_state(x50)
        save_safetensors("x50.safetensors", state)
        save_npy("x50_logits.npy", x50(x).numpy())
        with open("x50_c2.pkl", "wb") as f:
            Python2Pickler(f, protocol=2).dump({"blobs": detectron_blobs(state),
                                                "cfg": "MODEL:\n  TYPE: generalized_rcnn\n"})

        vgg16 = randomize(VggFeatures())
        np.savez("vgg16.npz", **numpy_state(vgg16))
        save_npy("vgg16_conv5.npy", vgg16.features[:-1](x).numpy())

    torch.save({"w": torch.zeros(2, dtype=torch.complex64)}, "complex.pth")
    torch.save(["not", "a", "state", "dict"], "not_state_dict.pth")
    torch.save({"w": torch.ones(2)}, "legacy.pt", _use_new_zipfile_serialization=False)

    # The files read back as written (the Detectron-style pickle as Detectron2 reads it).
    with open("x50_c2.pkl", "rb") as f:
        blobs = pickle.load(f, encoding="latin1")["blobs"]
    assert all(np.array_equal(blobs[k], v) for k, v in detectron_blobs(state).items())
    assert torch.load("r18.pth").keys() == r18.state_dict().keys()


if __name__ == "__main__":
    main()
