# ${app_name} on ${inventory_hostname}
[server]
name = ${app_name}
port = ${app_port}
root = ${base}
