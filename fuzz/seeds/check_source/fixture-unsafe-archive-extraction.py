import shutil
import tarfile
import zipfile
from tarfile import open as open_tar


def install(upload, dest, checked_members):
    with tarfile.open(upload) as archive:
        archive.extractall(dest)  # expect: unsafe-archive-extraction  # bandit: B202
        archive.extractall(dest, filter="data")  # ok: unsafe-archive-extraction
        archive.extractall(dest, filter=tarfile.tar_filter)  # ok: unsafe-archive-extraction
        archive.extractall(dest, filter="fully_trusted")  # expect: unsafe-archive-extraction
        archive.extractall(dest, members=checked_members(archive))  # expect-audit: unsafe-archive-extraction
        for member in archive.getmembers():
            archive.extract(member, dest)  # expect: unsafe-archive-extraction
    tf = open_tar(upload, "r:gz")
    tf.extractall(path=dest)  # expect: unsafe-archive-extraction
    tarfile.open(upload).extractall(dest)  # expect: unsafe-archive-extraction
    tarfile.open("vendor/bundle.tar").extractall(dest)  # expect-audit: unsafe-archive-extraction
    tf.extractall(dest, filter=lambda member, path: member)  # expect-audit: unsafe-archive-extraction
    with zipfile.ZipFile(upload) as zf:
        zf.extractall(dest)  # expect-audit: unsafe-archive-extraction
    shutil.unpack_archive(upload, dest)  # expect: unsafe-archive-extraction
    shutil.unpack_archive(upload, dest, filter="data")  # ok: unsafe-archive-extraction
    shutil.unpack_archive(upload, dest, format="zip")  # expect-audit: unsafe-archive-extraction


def forward(archive, dest, **options):
    shutil.unpack_archive(archive, dest, **options)  # expect-audit: unsafe-archive-extraction


def unrelated(extractor, dest):
    extractor.extractall(dest)  # ok: unsafe-archive-extraction


def restore(upload, dest):
    mode = "fully_trusted"
    safe = "data"
    with tarfile.open(upload) as tar:
        members = tar.getmembers()
        tar.extractall(dest, members=members)  # expect: unsafe-archive-extraction@9
        tar.extractall(dest, members=members, filter=safe)  # ok: unsafe-archive-extraction
        tar.extractall(dest, filter=mode)  # expect: unsafe-archive-extraction
        tar.extractall(dest, filter=safe)  # ok: unsafe-archive-extraction
