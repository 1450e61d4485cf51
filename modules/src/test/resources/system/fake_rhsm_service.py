# A stand-in for rhsm's D-Bus service (com.redhat.RHSM1), for RhsmDbusLocalTest: just the objects the
# registration uses. RegisterServer.Start opens a private server socket and returns its address;
# the Register object on each private connection records what it was called with (JSON lines) and
# marks the host registered for the fake subscription-manager. Password "wrong" is refused the way
# rhsm refuses: a D-Bus error whose message is JSON with a "message" key.
import json
import sys
import uuid

import dbus
import dbus.mainloop.glib
import dbus.server
import dbus.service
from gi.repository import GLib

dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
BUS_ADDRESS, RECORD, REGISTERED, PRIVATE_ADDRESS = sys.argv[1:5]
bus = dbus.bus.BusConnection(BUS_ADDRESS)
name = dbus.service.BusName('com.redhat.RHSM1', bus)
servers = []


def record(call):
    with open(RECORD, 'a') as f:
        f.write(json.dumps(call) + '\n')
    with open(REGISTERED, 'w') as f:
        f.write(str(uuid.uuid4()))


class Register(dbus.service.Object):
    @dbus.service.method('com.redhat.RHSM1.Register', in_signature='sssa{sv}a{sv}s', out_signature='s')
    def Register(self, org, user, password, opts, conn, locale):
        if password == 'wrong':
            raise dbus.exceptions.DBusException(json.dumps({'exception': 'RestlibException', 'severity': 'error',
                                                             'message': 'Invalid username or password'}),
                                                name='com.redhat.RHSM1.Error')
        record({'method': 'Register', 'org': org, 'user': user, 'password': password, 'opts': dict(opts),
                'conn': dict(conn), 'locale': locale})
        return '{}'

    @dbus.service.method('com.redhat.RHSM1.Register', in_signature='sasa{sv}a{sv}s', out_signature='s')
    def RegisterWithActivationKeys(self, org, keys, opts, conn, locale):
        record({'method': 'RegisterWithActivationKeys', 'org': org, 'keys': list(keys), 'opts': dict(opts),
                'conn': dict(conn), 'locale': locale})
        return '{}'


class RegisterServer(dbus.service.Object):
    @dbus.service.method('com.redhat.RHSM1.RegisterServer', in_signature='s', out_signature='s')
    def Start(self, locale):
        server = dbus.server.Server(PRIVATE_ADDRESS)
        server.on_connection_added.append(lambda conn: Register(conn, '/com/redhat/RHSM1/Register'))
        servers.append(server)
        return server.address

    @dbus.service.method('com.redhat.RHSM1.RegisterServer', in_signature='s', out_signature='b')
    def Stop(self, locale):
        while servers:
            servers.pop().disconnect()
        return True


RegisterServer(bus, '/com/redhat/RHSM1/RegisterServer')
print('ready', flush=True)
GLib.MainLoop().run()
