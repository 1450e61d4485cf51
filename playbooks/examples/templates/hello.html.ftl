<!doctype html>
<title>Hello from ${inventory_hostname}</title>
<h1>Hello from ${ansible_hostname}</h1>
<ul>
<#list visitors as v>
  <li>${v?cap_first}</li>
</#list>
</ul>
