${app.greeting!'hello from'} ${app.name} ${version}
