<#list upstreams as u>
upstream ${u} {
    server ${u}.internal:${app_port};
}
</#list>
