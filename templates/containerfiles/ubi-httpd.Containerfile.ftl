# ${app.name} ${version}: Apache httpd on Red Hat's UBI (listens on 8080). Written by jplay from
# templates/containerfiles/ubi-httpd.Containerfile.ftl.
FROM ${base_image}
COPY www/ /var/www/html/
