/*
** rss.c: runs a command and prints its peak resident memory in KiB
** (ru_maxrss), with the command's output thrown away. The benchmark runs
** the CLI through it: a child forked from the benchmark itself would
** report the benchmark's own peak, which the kernel carries over exec.
** usage: lexloci-bench-rss COMMAND [ARGS...]
** See LICENSE for copying conditions.
*/
#define _DEFAULT_SOURCE /* wait4 */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
  if (argc < 2) {
    fputs("usage: lexloci-bench-rss COMMAND [ARGS...]\n", stderr);
    return 2;
  }
  pid_t pid = fork();
  if (pid == 0) {
    if (!freopen("/dev/null", "w", stdout))
      _exit(127);
    execv(argv[1], argv + 1);
    _exit(127);
  }
  int st = 0;
  struct rusage ru;
  if (pid < 0 || wait4(pid, &st, 0, &ru) < 0)
    return 1;
  printf("%ld %d\n", ru.ru_maxrss,
         WIFEXITED(st) ? WEXITSTATUS(st) : -1);
  return 0;
}
