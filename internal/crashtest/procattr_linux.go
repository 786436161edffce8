package crashtest

import (
	"os/exec"
	"syscall"
)

// dieWithParent has the kernel kill the server when this process dies,
// so that a test stopped by its timeout leaves no server behind.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
