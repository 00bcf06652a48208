/* SPDX-License-Identifier: GPL-2.0 */
/*
 * uuidjail selftests - Ways to reach a UNIX-domain socket
 *
 * Each "way" is one way to reach a socket (stream, seqpacket, datagram;
 * pathname, abstract, autobound names); the socket tests run each way
 * over the cells of the matrix.  A test file includes this before
 * matrix_fixture.h: C serves a way, or reaches P's socket, on command.
 */

#ifndef _SELFTESTS_UUIDJAIL_UNIX_WAYS_H
#define _SELFTESTS_UUIDJAIL_UNIX_WAYS_H

#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

enum way {
	WAY_STREAM_PATHNAME,
	WAY_STREAM_ABSTRACT,
	WAY_SEQPACKET,
	WAY_DGRAM_SENDTO_PATHNAME,
	WAY_DGRAM_SENDTO_ABSTRACT,
	WAY_DGRAM_CONNECT,
	WAY_DGRAM_SENDTO_AUTOBIND,
	WAY_COUNT
};

enum name { PATHNAME, ABSTRACT, AUTOBIND };

static const struct {
	int type;
	enum name name;
	bool connect;	/* else sendto() */
	const char *op;	/* in the stats file */
} ways[WAY_COUNT] = {
	[WAY_STREAM_PATHNAME] = { SOCK_STREAM, PATHNAME, true,
				  "unix_stream_connect" },
	[WAY_STREAM_ABSTRACT] = { SOCK_STREAM, ABSTRACT, true,
				  "unix_stream_connect" },
	[WAY_SEQPACKET] = { SOCK_SEQPACKET, PATHNAME, true,
			    "unix_stream_connect" },
	[WAY_DGRAM_SENDTO_PATHNAME] = { SOCK_DGRAM, PATHNAME, false,
					"unix_may_send" },
	[WAY_DGRAM_SENDTO_ABSTRACT] = { SOCK_DGRAM, ABSTRACT, false,
					"unix_may_send" },
	[WAY_DGRAM_CONNECT] = { SOCK_DGRAM, ABSTRACT, true, "unix_may_send" },
	[WAY_DGRAM_SENDTO_AUTOBIND] = { SOCK_DGRAM, AUTOBIND, false,
					"unix_may_send" },
};

/* Commands of C (matrix_fixture.h): serve a way, or reach P's socket. */
#define CMD_SERVE(way) ((char)(0x10 + (way)))
#define CMD_REACH(way) ((char)(0x20 + (way)))

/*
 * The address of the socket @owner serves for @way; @autoname is the
 * 5-digit name the kernel chose when it autobound the socket.
 */
static socklen_t way_address(pid_t owner, enum way way, int autoname,
			     struct sockaddr_un *addr)
{
	int len;

	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	switch (ways[way].name) {
	case PATHNAME:
		len = snprintf(addr->sun_path, sizeof(addr->sun_path),
			       "/tmp/uuidjail-unix-%d-%d", owner, way) + 1;
		break;
	case ABSTRACT:
		len = snprintf(addr->sun_path + 1, sizeof(addr->sun_path) - 1,
			       "uuidjail-unix-%d-%d", owner, way) + 1;
		break;
	case AUTOBIND:
	default:
		len = snprintf(addr->sun_path + 1, sizeof(addr->sun_path) - 1,
			       "%05x", autoname) + 1;
		break;
	}
	return offsetof(struct sockaddr_un, sun_path) + len;
}

/*
 * Create the socket that serves @way for the calling task: bound (or
 * autobound) and listening if the way connects a stream.  Its fd, or
 * -errno; *@autoname gets the name of an autobound socket.
 */
static int way_serve(enum way way, int *autoname)
{
	struct sockaddr_un addr;
	socklen_t len = way_address(getpid(), way, 0, &addr);
	int fd = socket(AF_UNIX, ways[way].type | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -errno;
	if (ways[way].name == AUTOBIND)
		len = offsetof(struct sockaddr_un, sun_path);
	else if (ways[way].name == PATHNAME)
		unlink(addr.sun_path);
	if (bind(fd, (struct sockaddr *)&addr, len))
		goto err;
	if (ways[way].type != SOCK_DGRAM && listen(fd, 4))
		goto err;
	if (ways[way].name == AUTOBIND) {
		len = sizeof(addr);
		if (getsockname(fd, (struct sockaddr *)&addr, &len))
			goto err;
		*autoname = strtol(addr.sun_path + 1, NULL, 16);
	}
	return fd;
err:
	len = -errno;
	close(fd);
	return len;
}

/* Reach the socket @owner serves for @way from a new socket: 0 or -errno. */
static int way_reach(pid_t owner, enum way way, int autoname)
{
	struct sockaddr_un addr;
	const socklen_t len = way_address(owner, way, autoname, &addr);
	int fd = socket(AF_UNIX, ways[way].type | SOCK_CLOEXEC, 0), err = 0;

	if (fd < 0)
		return -errno;
	if (ways[way].connect) {
		if (connect(fd, (struct sockaddr *)&addr, len))
			err = -errno;
	} else if (sendto(fd, "x", 1, 0, (struct sockaddr *)&addr, len) != 1) {
		err = -errno;
	}
	close(fd);
	return err;
}

/* C's sockets live as long as C. */
static int served[WAY_COUNT];

/* C serves a way (answering its autobound name, if any) or reaches P's. */
static int unix_child_run(char cmd)
{
	const unsigned int way = cmd & 0xf;
	int autoname = 0, fd;

	if (way >= WAY_COUNT)
		return -EINVAL;
	switch (cmd & 0xf0) {
	case 0x10:
		fd = way_serve(way, &autoname);
		if (fd < 0)
			return fd;
		served[way] = fd;
		return autoname;
	case 0x20:
		return way_reach(getppid(), way, 0);
	}
	return -EINVAL;
}

/*
 * Sockets follow the matrix but for unrestricted remotes, which everyone
 * may reach; a label with no level entered is unrestricted.
 */
static bool reach_allowed(bool matrix_allowed, int remote_levels)
{
	return matrix_allowed || remote_levels == 0;
}

static void unlink_served(pid_t owner, enum way way)
{
	struct sockaddr_un addr;

	if (ways[way].name == PATHNAME) {
		way_address(owner, way, 0, &addr);
		unlink(addr.sun_path);
	}
}

#define matrix_child_extra unix_child_run

#endif /* _SELFTESTS_UUIDJAIL_UNIX_WAYS_H */
