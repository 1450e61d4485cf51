a=1
b=2
<#iff x>y</#iff>
