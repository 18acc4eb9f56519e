"""A Windows job object for the reader's worker processes.

Windows has neither RLIMIT_AS nor a parent-death signal; a job object gives both. Every
worker is put into one job that

- caps the memory each process may commit (JOB_OBJECT_LIMIT_PROCESS_MEMORY), so that a
  huge allocation fails at once inside the worker instead of eating the machine's memory;
- ends every worker when the last handle to the job closes (KILL_ON_JOB_CLOSE): the parent
  holds the only one, so its workers cannot outlive it, however it ends;
- lets a crashing worker die without the system's error dialog, which would otherwise hold
  it until someone clicks it away (DIE_ON_UNHANDLED_EXCEPTION).

The structures follow winnt.h. Only `toolkit.confine` uses this module, and only on
Windows; the tests import it everywhere to check the structures and the limits.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

JOB_OBJECT_LIMIT_PROCESS_MEMORY = 0x0000_0100
JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION = 0x0000_0400
JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE = 0x0000_2000
JOB_OBJECT_EXTENDED_LIMIT_INFORMATION = 9  # the JOBOBJECTINFOCLASS of the structure below


class BasicLimits(ctypes.Structure):
    """JOBOBJECT_BASIC_LIMIT_INFORMATION."""

    _fields_ = (
        ("PerProcessUserTimeLimit", ctypes.c_int64),  # LARGE_INTEGER
        ("PerJobUserTimeLimit", ctypes.c_int64),
        ("LimitFlags", ctypes.c_uint32),  # DWORD
        ("MinimumWorkingSetSize", ctypes.c_size_t),  # SIZE_T
        ("MaximumWorkingSetSize", ctypes.c_size_t),
        ("ActiveProcessLimit", ctypes.c_uint32),
        ("Affinity", ctypes.c_size_t),  # ULONG_PTR
        ("PriorityClass", ctypes.c_uint32),
        ("SchedulingClass", ctypes.c_uint32),
    )


class IoCounters(ctypes.Structure):
    """IO_COUNTERS (reserved in the structure below; present for its size)."""

    _fields_ = tuple(
        (name, ctypes.c_uint64)
        for name in (
            "ReadOperationCount",
            "WriteOperationCount",
            "OtherOperationCount",
            "ReadTransferCount",
            "WriteTransferCount",
            "OtherTransferCount",
        )
    )


class ExtendedLimits(ctypes.Structure):
    """JOBOBJECT_EXTENDED_LIMIT_INFORMATION."""

    _fields_ = (
        ("BasicLimitInformation", BasicLimits),
        ("IoInfo", IoCounters),
        ("ProcessMemoryLimit", ctypes.c_size_t),
        ("JobMemoryLimit", ctypes.c_size_t),
        ("PeakProcessMemoryUsed", ctypes.c_size_t),
        ("PeakJobMemoryUsed", ctypes.c_size_t),
    )


def limits(process_memory: int | None) -> ExtendedLimits:
    """The limits of the workers' job: `process_memory` bytes of commit each (None: no
    cap), ended with the job's last handle, no error dialog on a crash."""
    info = ExtendedLimits()
    flags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE | JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION
    if process_memory is not None:
        flags |= JOB_OBJECT_LIMIT_PROCESS_MEMORY
        info.ProcessMemoryLimit = process_memory
    info.BasicLimitInformation.LimitFlags = flags
    return info


class Job:
    """One job object; `assign` puts a worker into it, `close` ends what is left in it."""

    def __init__(self, process_memory: int | None) -> None:
        """Raises OSError when the job cannot be made (the caller does without it)."""
        if sys.platform != "win32":
            raise OSError("job objects exist only on Windows")
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = ctypes.c_void_p
        kernel32.CreateJobObjectW.argtypes = (ctypes.c_void_p, ctypes.c_wchar_p)
        kernel32.CreateJobObjectW.restype = handle
        kernel32.SetInformationJobObject.argtypes = (
            handle,
            ctypes.c_int,
            ctypes.c_void_p,
            ctypes.c_uint32,
        )
        kernel32.SetInformationJobObject.restype = ctypes.c_int
        kernel32.AssignProcessToJobObject.argtypes = (handle, handle)
        kernel32.AssignProcessToJobObject.restype = ctypes.c_int
        kernel32.CloseHandle.argtypes = (handle,)
        kernel32.CloseHandle.restype = ctypes.c_int
        self._kernel32: Any = kernel32
        # Not inheritable (no security attributes): no worker holds the job open.
        self._handle: int | None = kernel32.CreateJobObjectW(None, None)
        if not self._handle:
            raise ctypes.WinError(ctypes.get_last_error())
        info = limits(process_memory)
        if not kernel32.SetInformationJobObject(
            self._handle,
            JOB_OBJECT_EXTENDED_LIMIT_INFORMATION,
            ctypes.byref(info),
            ctypes.sizeof(info),
        ):
            error = ctypes.get_last_error()
            self.close()
            raise ctypes.WinError(error)

    def assign(self, process_handle: int) -> bool:
        """Put a process into the job (`multiprocessing`'s `Process.sentinel` is its handle
        on Windows); False when Windows refuses (an old Windows that cannot nest jobs)."""
        if self._handle is None:
            return False
        return bool(self._kernel32.AssignProcessToJobObject(self._handle, process_handle))

    def close(self) -> None:
        """Close the job's handle: any process still in it ends."""
        if self._handle is not None:
            self._kernel32.CloseHandle(self._handle)
            self._handle = None
